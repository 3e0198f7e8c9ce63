"""National scale on PostgreSQL: encoding and candidate generation as chunk tasks that
`kizuna db_worker` processes consume, with 1 and then 2 workers, then the assignment.

Synthetic organisations (external ids nat-…), half Thai SMEs (seekers, technologies
needed) and half Japanese companies (providers, technologies offered), each with 3–6
sentences in its language written from templates filled with the taxonomy's,
industry groups' and provinces' own Thai and Japanese labels (the profile's
technologies appear in its text, as in real profiles). They are created once per
size and kept between runs.

1. Encoding: the descriptions go to `text_vectors_encode_task` in chunks of 200 ids;
   the vector table is emptied before each run, so every text goes through USE. With
   `--encode-sample S` only S texts are encoded (and timed); the others then get
   stand-in vectors (a sampled vector of the same language and first technology
   plus noise, cosine ≈ 0.9) so that the rest of the pipeline runs on all profiles;
   the full encoding time is then extrapolated and marked so.
2. Candidates, top-10 both sides, method exact and indexed (`candidate_chunk_task`,
   `--chunks` chunks); the coordinator merges the chunks. The graphs made with 1
   and 2 workers are compared (same pairs and scores), and the indexed graph's
   recall@10 against the exact one (all seekers and providers when the exact run
   was made, else against exact rows of 500 sampled seekers).
3. Assignment over the last candidate graph (each seeker at most 1 provider, each
   provider at most 2 seekers).

Times are wall seconds from the workers' start to the last worker's exit (so a
worker's start-up, Django set-up, model load and database reads are inside);
memory is the peak resident set of the largest worker and of this coordinator.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kizuna_vector_index \\
        /work/main/.venv/bin/python benchmarks/bench_national.py --profiles 25000
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from bench_recommend import recall_at_k, sampled_recall

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kizuna.site.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django_tasks.base import TaskResultStatus  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

from kizuna.engine.assignment import AssignmentProblem, assignment_solve  # noqa: E402
from kizuna.engine.candidates import candidates_merge  # noqa: E402
from kizuna.engine.encoder import TextEncoder  # noqa: E402
from kizuna.engine.recommend import rank_per_owner  # noqa: E402
from kizuna.engine.text import normalise  # noqa: E402
from kizuna.organisations.models import Concept, Country, IndustryGroup, Organisation, Province  # noqa: E402
from kizuna.vectors import domain  # noqa: E402
from kizuna.vectors.models import TextVector  # noqa: E402
from kizuna.vectors.store import vector_store  # noqa: E402
from kizuna.vectors.tasks import candidate_chunk_task, text_vectors_encode_task  # noqa: E402

K = 10
ENCODE_CHUNK = 200
PREFIX = "nat-"

# Whole sentences in each language; {tech} and {tech2} are the profile's technologies.
SENTENCES = {
    "th": [
        "บริษัทของเราเป็นผู้ผลิตในอุตสาหกรรม{group} ตั้งอยู่ที่จังหวัด{province}",
        "เราต้องการนำ{tech}มาใช้ในสายการผลิตเพื่อลดต้นทุนและของเสีย",
        "ปัจจุบันโรงงานมีพนักงานประมาณ {staff} คน และส่งออกสินค้าไปยัง{market}",
        "เรากำลังมองหาพี่เลี้ยงจากญี่ปุ่นที่มีประสบการณ์ด้าน{tech2}",
        "ผู้บริหารต้องการยกระดับคุณภาพสินค้าให้ได้มาตรฐานของลูกค้าญี่ปุ่น",
        "ปัญหาหลักของเราคือเครื่องจักรหยุดทำงานบ่อยและขาดข้อมูลการผลิต",
        "บริษัทก่อตั้งในปี {year} และเป็นซัพพลายเออร์ให้กับโรงงานประกอบขนาดใหญ่",
        "เราสนใจร่วมลงทุนหรือรับถ่ายทอดเทคโนโลยีด้าน{tech}",
        "ทีมวิศวกรของเรามีความรู้พื้นฐานด้าน{tech2} แต่ยังขาดประสบการณ์ใช้งานจริง",
        "เป้าหมายในสามปีข้างหน้าคือขยายตลาดไปยัง{market}",
    ],
    "ja": [
        "当社は{group}分野の製造業で、{tech}の導入支援を行っています。",
        "{tech2}に関する技術とノウハウを中小企業に提供しています。",
        "従業員は約{staff}名で、{year}年に創業しました。",
        "タイの工場で{tech}の実証を行った経験があります。",
        "現地のパートナー企業と協力して{market}への展開を計画しています。",
        "品質管理と生産性向上のための人材育成にも力を入れています。",
        "日本国内の自動車メーカーや食品メーカーとの取引実績があります。",
        "{tech2}の専門家が現地で技術指導を行うことができます。",
        "設備の保守から運用改善まで一貫してサポートします。",
        "ASEAN地域の中小企業との長期的な協力関係を目指しています。",
    ],
}
MARKETS = {"th": ["ญี่ปุ่น", "เวียดนาม", "กัมพูชา", "ลาว", "เมียนมา", "จีน"],
           "ja": ["ベトナム", "カンボジア", "ラオス", "ミャンマー", "タイ", "インドネシア"]}


def description(rng: random.Random, lang: str, techs: list[Concept], group: IndustryGroup, province: Province | None) -> str:
    """3–6 whole sentences in `lang`; the first one or two name the profile's technologies."""
    pool = SENTENCES[lang]
    first = [s for s in pool if "{tech}" in s]
    rest = [s for s in pool if "{tech}" not in s]
    chosen = [rng.choice(first), *rng.sample(rest, rng.randint(2, 5))]
    label = f"label_{lang}"
    values = {
        "group": getattr(group, label), "province": getattr(province, label) if province else "",
        "tech": getattr(techs[0], label), "tech2": getattr(techs[-1], label), "staff": rng.randint(12, 900),
        "year": rng.randint(1965, 2020), "market": rng.choice(MARKETS[lang]),
    }
    return (" " if lang == "th" else "").join(s.format(**values) for s in chosen)  # Thai spaces its sentences


def profiles_ensure(n: int, seed: int = 25) -> tuple[list[int], list[int], float]:
    """The ids of n synthetic organisations (half seekers, half providers), created
    when the database does not hold exactly these; returns (seekers, providers, seconds)."""
    started = time.perf_counter()
    existing = Organisation.objects.filter(external_id__startswith=PREFIX)
    if existing.count() != n:
        existing.delete()
        rng = random.Random(seed)
        concepts = list(Concept.objects.order_by("code"))
        weights = [1.0 / (i + 1) ** 0.8 for i in range(len(concepts))]  # popular concepts more often
        groups = list(IndustryGroup.objects.order_by("code"))
        provinces = list(Province.objects.order_by("code"))
        countries = {c.code: c for c in Country.objects.filter(code__in=["TH", "JP"])}
        for start in range(0, n, 5_000):
            orgs, techs = [], []
            for i in range(start, min(n, start + 5_000)):
                lang = "th" if i % 2 == 0 else "ja"
                chosen = list(dict.fromkeys(rng.choices(concepts, weights=weights, k=rng.randint(1, 4))))
                group = rng.choice(groups)
                province = rng.choice(provinces) if lang == "th" else None
                orgs.append(Organisation(
                    external_id=f"{PREFIX}{i:07d}", kind="company", country=countries["TH" if lang == "th" else "JP"],
                    name=f"{'บริษัท ทดสอบ' if lang == 'th' else '試験工業'} {i}", languages=[lang],
                    industry_group=group, province=province, description=description(rng, lang, chosen, group, province),
                    description_language=lang))
                techs.append(chosen)
            Organisation.objects.bulk_create(orgs, batch_size=2_000)
            ids = dict(Organisation.objects.filter(external_id__in=[o.external_id for o in orgs])
                       .values_list("external_id", "pk"))
            needed, offered = Organisation.technologies_needed.through, Organisation.technologies_offered.through
            rows_n, rows_o = [], []
            for org, chosen in zip(orgs, techs, strict=True):
                through, rows = (needed, rows_n) if org.external_id[-1] in "02468" else (offered, rows_o)
                rows += [through(organisation_id=ids[org.external_id], concept_id=c.pk) for c in chosen]
            needed.objects.bulk_create(rows_n, batch_size=10_000)
            offered.objects.bulk_create(rows_o, batch_size=10_000)
    ids = list(Organisation.objects.filter(external_id__startswith=PREFIX).order_by("external_id")
               .values_list("pk", flat=True))
    return ids[0::2], ids[1::2], time.perf_counter() - started


def peak_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def workers_run(n: int) -> tuple[float, float]:
    """Start n `kizuna db_worker --batch` processes; wait until the queue is done.
    Returns (wall seconds, peak MiB of the largest worker); `workers_run.cpu` is the
    CPU seconds the workers used together (what a contended machine does not inflate)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "KIZUNA_ENCODER_THREADS": "1", "DEBUG": "0",
           "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    started = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-m", "kizuna.cli", "db_worker", "--batch", "--no-startup-delay",
                               "--interval", "0.2"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
             for _ in range(n)]
    peaks = dict.fromkeys(p.pid for p in procs)
    while any(p.poll() is None for p in procs):
        for p in procs:
            if p.poll() is None:
                peaks[p.pid] = max(peaks[p.pid] or 0, peak_kib(p.pid))
        time.sleep(0.25)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers_run.cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    for p in procs:
        if p.returncode:
            raise SystemExit(f"a worker exited with {p.returncode}: {p.stderr.read().decode()[-2000:]}")
    return seconds, max(v or 0 for v in peaks.values()) / 1024


def results_of(results: list) -> list:
    values = []
    for r in results:
        r.refresh()
        if r.status != TaskResultStatus.SUCCESSFUL:
            raise SystemExit(f"task {r.id} ended {r.status}: {r.errors[-1].traceback if r.errors else ''}")
        values.append(r.return_value)
    return values


def encoding(ids: list[int], sample: int, workers: int) -> tuple[float, float, int]:
    TextVector.objects.filter(encoder="use").delete()
    chosen = ids[:sample]
    pending = [text_vectors_encode_task.enqueue("use", chosen[a:a + ENCODE_CHUNK])
               for a in range(0, len(chosen), ENCODE_CHUNK)]
    seconds, peak = workers_run(workers)
    return seconds, peak, sum(results_of(pending))


def stand_ins(ids: list[int], sample: int) -> int:
    """Vectors for the texts not encoded (see the module text); returns how many."""
    rows = list(Organisation.objects.filter(pk__in=ids).order_by("external_id")
                .values_list("pk", "description", "description_language"))
    first_tech = dict(Organisation.technologies_needed.through.objects.filter(organisation_id__in=ids)
                      .values_list("organisation_id", "concept_id"))
    first_tech.update(Organisation.technologies_offered.through.objects.filter(organisation_id__in=ids)
                      .values_list("organisation_id", "concept_id"))
    keys = {pk: TextEncoder.key(normalise(text)) for pk, text, _ in rows}
    stored = vector_store.get_many("use", [keys[pk] for pk in ids[:sample]])
    by_topic: dict[tuple, list[np.ndarray]] = {}
    by_lang: dict[str, list[np.ndarray]] = {}
    sampled = set(ids[:sample])
    for pk, _, lang in rows:
        if pk in sampled and keys[pk] in stored:
            by_topic.setdefault((lang, first_tech.get(pk)), []).append(stored[keys[pk]])
            by_lang.setdefault(lang, []).append(stored[keys[pk]])
    rng = np.random.default_rng(0)
    todo = {}
    for pk, _, lang in rows:
        if pk in sampled or keys[pk] in todo:
            continue
        pool = by_topic.get((lang, first_tech.get(pk))) or by_lang[lang]
        v = pool[rng.integers(len(pool))] + rng.normal(size=512).astype(np.float32) * 0.02
        todo[keys[pk]] = (v / np.linalg.norm(v)).astype(np.float32)
        if len(todo) == 20_000:
            vector_store.put_many("use", todo)
            todo = {}
    vector_store.put_many("use", todo)
    return len(rows) - sample


def candidates(seekers: list[int], providers: list[int], method: str, workers: int, chunks: int):
    plan = zip(domain.chunks_plan(len(seekers), chunks), domain.chunks_plan(len(providers), chunks), strict=True)
    pending = [candidate_chunk_task.enqueue("use", seekers, providers, method, K, list(s), list(p)) for s, p in plan]
    seconds, peak = workers_run(workers)
    started = time.perf_counter()
    graph = candidates_merge([domain.candidate_chunk_load(r) for r in results_of(pending)], k_provider=K)
    return graph, seconds + time.perf_counter() - started, peak


def same_graph(a, b) -> bool:
    ka = a.seeker.astype(np.int64) * a.n_providers + a.provider
    kb = b.seeker.astype(np.int64) * b.n_providers + b.provider
    oa, ob = np.argsort(ka), np.argsort(kb)
    return len(ka) == len(kb) and bool(np.array_equal(ka[oa], kb[ob])) and bool(np.allclose(a.score[oa], b.score[ob]))


def recall(exact, indexed, by: str) -> float:
    return recall_at_k(exact, rank_per_owner(exact, K, by=by), rank_per_owner(indexed, K, by=by), K, by)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=25_000)
    parser.add_argument("--encode-sample", type=int, default=0, help="encode this many texts (default: all)")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--methods", default="exact,indexed")
    parser.add_argument("--chunks", type=int, default=8)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("bench_national needs PostgreSQL: set DATABASE_URL=postgres://…/kizuna_<your_db>")
    workers = [int(w) for w in args.workers.split(",")]
    methods = args.methods.split(",")
    call_command("migrate", verbosity=0)
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).delete()  # an interrupted run's leftovers
    seekers, providers, made = profiles_ensure(args.profiles)
    ids = [x for pair in zip(seekers, providers, strict=True) for x in pair]
    sample = args.encode_sample or len(ids)
    print(f"{len(seekers):,} Thai seekers × {len(providers):,} Japanese providers (profiles ready in {made:.0f} s); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores, shared with other work")
    lengths = list(Organisation.objects.filter(pk__in=ids[:2000]).values_list("description", flat=True))
    print(f"descriptions: mean {np.mean([len(t) for t in lengths]):.0f} characters")

    print(f"\n1. Encoding {sample:,} descriptions with USE (chunks of {ENCODE_CHUNK}), vector table emptied before each run")
    print(f"{'workers':>8} {'seconds':>8} {'cpu s':>8} {'texts/s':>8} {'worker MiB':>10} {f'all {len(ids):,} s':>14}")
    encode_s = {}
    for w in workers:
        seconds, peak, encoded = encoding(ids, sample, w)
        full = seconds * len(ids) / sample
        encode_s[w] = full
        print(f"{w:8d} {seconds:8.1f} {workers_run.cpu:8.1f} {encoded / seconds:8.1f} {peak:10.0f} "
              f"{full:13.0f}{'*' if sample < len(ids) else ' '}")
    if sample < len(ids):
        print(f"   * extrapolated from the sample; the other {stand_ins(ids, sample):,} texts get stand-in vectors")

    print(f"\n2. Candidates, top-{K} both sides, {args.chunks} chunk tasks per run")
    print(f"{'method':>8} {'workers':>8} {'seconds':>8} {'cpu s':>8} {'worker MiB':>10} {'edges':>10} "
          f"{'same as 1 worker':>16}")
    graphs: dict = {}
    cand_s = {}
    for method in methods:
        for w in workers:
            graph, seconds, peak = candidates(seekers, providers, method, w, args.chunks)
            same = "" if w == workers[0] else ("yes" if same_graph(graph, graphs[method]) else "NO")
            graphs.setdefault(method, graph)
            cand_s[(method, w)] = seconds
            print(f"{method:>8} {w:8d} {seconds:8.1f} {workers_run.cpu:8.1f} {peak:10.0f} {graph.n_edges:10,} "
                  f"{same:>16}")
    if "indexed" in graphs:
        if "exact" in graphs:
            r_s, r_p = recall(graphs["exact"], graphs["indexed"], "seeker"), recall(graphs["exact"], graphs["indexed"], "provider")
            print(f"   indexed recall@{K} against exact: seekers {r_s:.4f}, providers {r_p:.4f}")
        else:
            model = domain.matching_model(encoder="use", seeker_ids=seekers, provider_ids=providers)
            print(f"   indexed recall@{K} against exact rows of 500 sampled seekers: "
                  f"{sampled_recall(model, graphs['indexed'], K):.4f}")

    graph = graphs[methods[-1]]
    n_s, n_p = len(seekers), len(providers)
    started = time.perf_counter()
    result = assignment_solve(AssignmentProblem(
        n_seekers=n_s, n_providers=n_p, seeker=graph.seeker, provider=graph.provider, score=graph.score,
        lo=np.zeros(n_s, dtype=np.int64), hi=np.ones(n_s, dtype=np.int64), capacity=np.full(n_p, 2, dtype=np.int64)))
    assign_s = time.perf_counter() - started
    print(f"\n3. Assignment over the {methods[-1]} graph ({graph.n_edges:,} edges): {assign_s:.1f} s, "
          f"objective {result.objective:,.2f}, {len(result.edges):,} pairs, "
          f"{len(result.unmatched_seekers):,} seekers unmatched")

    w = max(workers)
    total = encode_s[w] + cand_s[(methods[-1], w)] + assign_s
    print(f"\nWhole pipeline with {w} workers: encoding {encode_s[w]:.0f} s"
          f"{' (extrapolated)' if sample < len(ids) else ''} + candidates ({methods[-1]}) {cand_s[(methods[-1], w)]:.0f} s"
          f" + assignment {assign_s:.0f} s = {total:.0f} s (target 90 s); "
          f"coordinator peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
