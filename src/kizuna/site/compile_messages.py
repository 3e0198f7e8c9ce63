"""Compile every gettext catalogue under src/kizuna (the site's and each app's)
with msgfmt, only where the .po is newer than its .mo; fails on a broken catalogue."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    compiled = 0
    for po in sorted(ROOT.rglob("locale/*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        subprocess.run(["msgfmt", "--check-format", "-o", str(mo), str(po)], check=True)
        compiled += 1
    print(f"catalogues compiled: {compiled}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
