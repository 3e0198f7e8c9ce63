"""Validates the held-out set: parsing, ids, references, language counts,
empty-technology shares, relevant pairs per seeker, cross-language share."""
import csv, re, sys
from collections import Counter, defaultdict

HEADER = ["id", "name", "country", "language", "industry", "technologies",
          "description", "region", "capacity", "markets"]
problems = []

def desc_lang(text):
    if re.search(r"[\u0E00-\u0E7F]", text):
        return "th"
    if re.search(r"[\u3040-\u30FF]", text):          # hiragana / katakana
        return "ja"
    if re.search(r"[\u4E00-\u9FFF]", text):
        return "ja"
    return "en"

def load(path, prefix, n_expected, cap_range, country_rule):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if rows[0] != HEADER:
        problems.append(f"{path}: bad header {rows[0]}")
    out = {}
    for r in rows[1:]:
        if len(r) != len(HEADER):
            problems.append(f"{path}: row with {len(r)} fields: {r[:2]}")
            continue
        d = dict(zip(HEADER, r))
        if d["id"] in out:
            problems.append(f"{path}: duplicate id {d['id']}")
        if not re.fullmatch(prefix + r"\d{3}", d["id"]):
            problems.append(f"{path}: bad id {d['id']}")
        if "\n" in d["description"] or "\r" in d["description"]:
            problems.append(f"{d['id']}: newline in description")
        if not d["description"].strip():
            problems.append(f"{d['id']}: empty description")
        if not re.fullmatch(r"[A-Z]{2}", d["country"]):
            problems.append(f"{d['id']}: bad country {d['country']}")
        if not all(x in ("th", "ja", "en") for x in d["language"].split(";")):
            problems.append(f"{d['id']}: bad language list {d['language']}")
        if d["markets"] and not all(re.fullmatch(r"[A-Z]{2}", m) for m in d["markets"].split(";")):
            problems.append(f"{d['id']}: bad markets {d['markets']}")
        if not d["capacity"].isdigit() or int(d["capacity"]) not in cap_range:
            problems.append(f"{d['id']}: bad capacity {d['capacity']}")
        if d["technologies"]:
            terms = d["technologies"].split(";")
            if not 1 <= len(terms) <= 3 or any(not t.strip() for t in terms):
                problems.append(f"{d['id']}: bad technologies {d['technologies']}")
        country_rule(d)
        d["dlang"] = desc_lang(d["description"])
        out[d["id"]] = d
    if len(out) != n_expected:
        problems.append(f"{path}: {len(out)} rows, expected {n_expected}")
    return out

def seeker_rule(d):
    if d["country"] != "TH":
        problems.append(f"{d['id']}: seeker country must be TH")
    if not d["region"]:
        problems.append(f"{d['id']}: seeker without region")

def provider_rule(d):
    if d["country"] == "TH" and not d["region"]:
        problems.append(f"{d['id']}: Thai provider without region")
    if d["country"] != "TH" and d["region"]:
        problems.append(f"{d['id']}: foreign provider with region")

S = load("seekers.csv", "H-S", 80, range(1, 3), seeker_rule)
P = load("providers.csv", "H-P", 60, range(1, 4), provider_rule)

with open("relevance.csv", encoding="utf-8", newline="") as f:
    rr = list(csv.reader(f))
if rr[0] != ["seeker_id", "provider_id", "grade"]:
    problems.append("relevance.csv: bad header")
pairs = {}
for s_id, p_id, g in rr[1:]:
    if s_id not in S: problems.append(f"relevance: unknown seeker {s_id}")
    if p_id not in P: problems.append(f"relevance: unknown provider {p_id}")
    if g not in ("1", "2"): problems.append(f"relevance: bad grade {g} for {s_id},{p_id}")
    if (s_id, p_id) in pairs: problems.append(f"relevance: duplicate pair {s_id},{p_id}")
    pairs[(s_id, p_id)] = int(g)

per_seeker = defaultdict(dict)
for (s_id, p_id), g in pairs.items():
    per_seeker[s_id][p_id] = g
for s_id in S:
    j = per_seeker.get(s_id, {})
    if len(j) < 2: problems.append(f"{s_id}: only {len(j)} relevant providers")
    if 2 not in j.values(): problems.append(f"{s_id}: no grade-2 provider")

def pct(a, b): return f"{a}/{b} ({100*a/b:.1f}%)"

print("== Description languages")
print("seekers  :", dict(Counter(d["dlang"] for d in S.values())))
print("providers:", dict(Counter(d["dlang"] for d in P.values())))
print("provider countries:", dict(Counter(d["country"] for d in P.values())))
print("== Empty technologies")
print("seekers  :", pct(sum(1 for d in S.values() if not d["technologies"]), len(S)))
print("providers:", pct(sum(1 for d in P.values() if not d["technologies"]), len(P)))
print("== Judged pairs")
g = Counter(pairs.values())
print("total:", len(pairs), " grade 2:", g[2], " grade 1:", g[1])
counts = [len(per_seeker[s]) for s in S]
g2 = [sum(1 for v in per_seeker[s].values() if v == 2) for s in S]
print("relevant per seeker: min", min(counts), "max", max(counts), "mean", round(sum(counts)/len(counts), 2))
print("grade-2 per seeker : min", min(g2), "max", max(g2), "mean", round(sum(g2)/len(g2), 2))
print("distribution of relevant-per-seeker:", dict(sorted(Counter(counts).items())))
cross = [(s, p) for (s, p) in pairs if S[s]["dlang"] != P[p]["dlang"]]
cross2 = [k for k in cross if pairs[k] == 2]
print("cross-language relevant pairs:", pct(len(cross), len(pairs)),
      " of which grade 2:", len(cross2), "of", g[2])
lp = Counter((S[s]["dlang"], P[p]["dlang"]) for (s, p) in pairs)
print("pairs by (seeker desc lang, provider desc lang):", dict(sorted(lp.items())))
lp2 = Counter((S[s]["dlang"], P[p]["dlang"]) for (s, p) in pairs if pairs[(s, p)] == 2)
print("grade-2 pairs by language pair:", dict(sorted(lp2.items())))
seekers_with_cross2 = sum(1 for s in S if any(S[s]["dlang"] != P[p]["dlang"] and v == 2 for p, v in per_seeker[s].items()))
print("seekers whose grade-2 set includes a different-language provider:", pct(seekers_with_cross2, len(S)))
used = Counter(p for (s, p) in pairs)
never = sorted(set(P) - set(used))
print("providers never relevant (pure distractors):", len(never), never)
print("== Sentence counts (rough)")
def nsent(d):
    t = d["description"]
    if d["dlang"] == "ja": return t.count("。")
    if d["dlang"] == "en": return len(re.findall(r"[.!?](\s|$)", t))
    return len(t.split(" ")) # Thai: phrases, not sentences
bad = [(k, nsent(d)) for k, d in {**S, **P}.items() if d["dlang"] != "th" and not 3 <= nsent(d) <= 6]
print("non-Thai descriptions outside 3-6 sentences:", bad)
print("== Problems")
for p in problems: print("  -", p)
print("OK" if not problems else f"{len(problems)} problem(s)")
sys.exit(1 if problems else 0)
