#!/usr/bin/env bash
# Refreshes the vendored front-end files from the npm registry (versions in vendor/package.json).
# The result is committed, so `make demo` needs no network and no Node.js.
set -euo pipefail
cd "$(dirname "$0")/.."
(cd vendor && npm install --no-audit --no-fund --silent)
dest=src/kizuna/site/static/vendor
rm -rf "$dest" && mkdir -p "$dest/fonts/noto-sans-thai/files" "$dest/fonts/noto-sans-jp/files"
cp vendor/node_modules/htmx.org/dist/htmx.min.js "$dest/htmx.min.js"
for w in 400 700; do
  cp vendor/node_modules/@fontsource/noto-sans-thai/$w.css "$dest/fonts/noto-sans-thai/$w.css"
  cp vendor/node_modules/@fontsource/noto-sans-thai/files/*-$w-normal.woff2 "$dest/fonts/noto-sans-thai/files/"
done
cp vendor/node_modules/@fontsource/noto-sans-jp/400.css "$dest/fonts/noto-sans-jp/400.css"
cp vendor/node_modules/@fontsource/noto-sans-jp/files/*-400-normal.woff2 "$dest/fonts/noto-sans-jp/files/"
# woff2 only: every browser we support reads it; drop the woff fallbacks from the CSS.
sed -i -E "s#, url\(\./files/[^)]*\.woff\) format\('woff'\)##g" "$dest"/fonts/*/*.css
