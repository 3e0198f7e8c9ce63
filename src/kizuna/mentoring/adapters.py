"""Between the database and the matching engine: organisations become engine
Profiles, officers' decisions become locked and forbidden edges, and the engine's
result comes back as plain rows that the domain saves in one transaction.

`match_compute` touches no database, so the benchmark runs it alone on the same
profiles as a reference; `round_input_load` is the only part that reads rows.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np

from kizuna.engine.affinity import PARTS, AffinityModel, AffinityWeights
from kizuna.engine.assignment import AssignmentProblem, assignment_check, assignment_solve
from kizuna.engine.candidates import candidates_build
from kizuna.engine.profiles import Profile
from kizuna.engine.text import LANGUAGES, normalise
from kizuna.mentoring.enums import RunStage

# Progress (percent) at which each stage starts; a stage reports within its span.
STAGE_START = {
    RunStage.PROFILES: 2,
    RunStage.ENCODING: 10,
    RunStage.SCORING: 40,
    RunStage.SOLVING: 60,
    RunStage.EXPLAINING: 72,
    RunStage.SAVING: 92,
    RunStage.DONE: 100,
}
_ORDER = list(STAGE_START)
FAIR_TIME_LIMIT = 60.0  # seconds for the fairness MIP unless the round's settings say otherwise


class RunCancelled(Exception):
    """The officer cancelled the run; nothing of it is saved."""


# ---------------------------------------------------------------------------
# Encoders


class HashingEncoder:
    """A small deterministic encoder with the interface of engine.encoder.TextEncoder
    (`encode(texts) -> (n, dim) float32 unit rows`, `dim`): character trigrams of
    the normalised text hashed into `dim` buckets. Lexical only (no meaning across
    languages), but instant: for tests and for officers who want a quick run."""

    name = "hash"
    floor = 0.2  # cosine of unrelated texts' trigram vectors; at and below it the text part is 0

    def __init__(self, dim: int = 256):
        self.dim = dim
        self.encoded = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            t = normalise(text or "").lower()
            if not t:
                continue
            padded = f"  {t} "
            for j in range(len(padded) - 2):
                out[i, zlib.crc32(padded[j : j + 3].encode("utf-8")) % self.dim] += 1.0
            n = np.linalg.norm(out[i])
            if n > 0:
                out[i] /= n
        self.encoded += len(texts)
        return out


def encoder_for(name: str):
    """The encoder a round's settings name: "use" (multilingual USE, vectors kept
    per text in memory and in the database's TextVector table), "hash", or "none"."""
    if name == "none":
        return None
    if name == "hash":
        return HashingEncoder()
    from kizuna.engine.encoder import encoder_get
    from kizuna.vectors.store import vector_store

    return encoder_get(name, store=vector_store)


@lru_cache(maxsize=1)
def reference_data():
    """Taxonomy, industry groups and countries, loaded once per process."""
    from kizuna.engine.taxonomy import countries_load, industry_groups_load, taxonomy_load

    return taxonomy_load(), industry_groups_load(), countries_load()


# ---------------------------------------------------------------------------
# Plain data in and out


@dataclass
class RoundInput:
    """Profiles of the included participants and their limits, by position."""

    seekers: list[Profile]
    providers: list[Profile]
    seeker_orgs: list[int]  # organisation pk of each seeker
    provider_orgs: list[int]
    lo: np.ndarray
    hi: np.ndarray
    capacity: np.ndarray
    seeker_groups: list[str]  # industry group code of each seeker ("" for none)
    # Names in each language ({"th": ..., "ja": ..., "en": ...}); when given, the
    # profiles' names are stand-in tokens that the reasons get these names for.
    seeker_names: list[dict[str, str]] | None = None
    provider_names: list[dict[str, str]] | None = None


def name_token(side: str, i: int) -> str:
    """A stand-in token for a participant's name inside rendered reasons (private-use
    characters, so it cannot collide with text)."""
    return f"\ue000{side}{i}\ue001"


def _names_in(sentences: list[str], lang: str, s: int, p: int, inp: RoundInput) -> list[str]:
    if inp.seeker_names is None or inp.provider_names is None:
        return sentences
    a, b = name_token("s", s), name_token("p", p)
    sn, pn = inp.seeker_names[s][lang], inp.provider_names[p][lang]
    return [t.replace(a, sn).replace(b, pn) for t in sentences]


@dataclass
class ProposedPair:
    seeker: int  # position in RoundInput.seekers
    provider: int
    score: float
    breakdown: dict[str, float]
    reasons: dict[str, list[str]]  # lang -> sentences
    locked: bool


@dataclass
class MatchOutcome:
    pairs: list[ProposedPair]
    objective: float
    bound: float
    gap: float
    floor: float | None
    floor_bound: float | None
    method: str
    proven_optimal: bool
    changed: int | None
    unmatched: list[dict]  # {"side", "index", "why"}
    stats: dict = field(default_factory=dict)


Progress = Callable[[str, int, str], None]  # (stage, percent, message)


def _no_progress(stage: str, percent: int, message: str) -> None:
    return None


def _span(stage: str) -> tuple[int, int]:
    i = _ORDER.index(stage)
    return STAGE_START[stage], STAGE_START[_ORDER[i + 1]] if i + 1 < len(_ORDER) else 100


def round_input_load(round, *, seeker_ids: Sequence[int] | None = None) -> RoundInput:
    """Profiles of the round's included participants (a handful of queries).

    Seekers are mentee SMEs with their needed technologies, providers are mentors
    with the technologies they offer; markets are the countries served; region is
    "EEC" for a province of the Eastern Economic Corridor, else the province's name.
    """
    from kizuna.mentoring.enums import Side
    from kizuna.organisations.models import Organisation

    settings = round.effective_settings()
    parts = {
        (p.organisation_id, p.side): p
        for p in round.participants.filter(included=True).only("organisation_id", "side", "capacity", "lo", "hi")
    }

    def orgs(side: str, techs: str):
        ids = [oid for (oid, s) in parts if s == side]
        return list(
            Organisation.objects.filter(pk__in=ids)
            .select_related("industry_group", "province")
            .prefetch_related(techs, "countries_served")
            .order_by("pk")
        )

    def profile(org, techs: str, token: str) -> Profile:
        if org.province_id:
            region = "EEC" if org.province.eec else org.province.label_en
        else:
            region = org.region_text
        return Profile(
            id=str(org.pk),
            name=token,
            country=org.country_id,
            languages=tuple(x for x in (org.languages or []) if x in LANGUAGES),
            industry_group=org.industry_group.code if org.industry_group_id else "",
            technologies=tuple(c.code for c in getattr(org, techs).all()),
            description=org.description,
            region=region,
            markets=tuple(c.code for c in org.countries_served.all()),
        )

    mentees = orgs(Side.MENTEE, "technologies_needed")
    mentors = orgs(Side.MENTOR, "technologies_offered")
    lo = [parts[(o.pk, Side.MENTEE)].lo for o in mentees]
    hi = [parts[(o.pk, Side.MENTEE)].hi for o in mentees]
    cap = [parts[(o.pk, Side.MENTOR)].capacity for o in mentors]
    lo_arr = np.array([settings["lo"] if v is None else v for v in lo], dtype=np.int64)
    hi_arr = np.array([settings["hi"] if v is None else v for v in hi], dtype=np.int64)
    return RoundInput(
        seekers=[profile(o, "technologies_needed", name_token("s", i)) for i, o in enumerate(mentees)],
        providers=[profile(o, "technologies_offered", name_token("p", j)) for j, o in enumerate(mentors)],
        seeker_names=[{lang: o.display_name(lang) for lang in LANGUAGES} for o in mentees],
        provider_names=[{lang: o.display_name(lang) for lang in LANGUAGES} for o in mentors],
        seeker_orgs=[o.pk for o in mentees],
        provider_orgs=[o.pk for o in mentors],
        lo=np.minimum(lo_arr, hi_arr),
        hi=hi_arr,
        capacity=np.array([settings["capacity"] if v is None else v for v in cap], dtype=np.int64),
        seeker_groups=[o.industry_group.code if o.industry_group_id else "" for o in mentees],
    )


class _ExplainingModel(AffinityModel):
    """AffinityModel whose single-pair parts come from one vectorised pass over the
    chosen pairs, so reasons in three languages cost no further scoring."""

    _parts_cache: dict[tuple[int, int], dict[str, np.ndarray]] | None = None

    def remember_parts(self, s: np.ndarray, p: np.ndarray, parts: dict[str, np.ndarray]) -> None:
        self._parts_cache = {
            (int(a), int(b)): {name: parts[name][i : i + 1] for name in parts}
            for i, (a, b) in enumerate(zip(s, p, strict=True))
        }

    def parts_edges(self, s, p):
        if self._parts_cache is not None and np.size(s) == 1:
            hit = self._parts_cache.get((int(np.ravel(s)[0]), int(np.ravel(p)[0])))
            if hit is not None:
                return hit
        return super().parts_edges(s, p)


def _encode(encoder, texts: list[str], report: Callable[[int, int], None], chunk: int = 256) -> np.ndarray | None:
    if encoder is None:
        return None
    parts = []
    for start in range(0, len(texts), chunk):
        parts.append(np.asarray(encoder.encode(texts[start : start + chunk]), dtype=np.float32))
        report(min(start + chunk, len(texts)), len(texts))
    if not parts:
        return np.zeros((0, int(getattr(encoder, "dim", 1))), dtype=np.float32)
    return np.concatenate(parts, axis=0)


def match_compute(
    inp: RoundInput,
    settings: dict,
    *,
    encoder=None,
    locked: Sequence[tuple[int, int]] = (),
    forbidden: Sequence[tuple[int, int]] = (),
    previous: Sequence[tuple[int, int]] = (),
    progress: Progress = _no_progress,
    cancelled: Callable[[], bool] = lambda: False,
) -> MatchOutcome:
    """Score, assign and explain the pairs of one round; no database.

    `locked`, `forbidden` and `previous` are (seeker, provider) positions; locked
    and previous pairs become candidates even if scoring would not keep them.
    Raises RunCancelled when `cancelled()` turns true (checked between stages and
    inside the long loops), and the engine's AssignmentInfeasible when no
    assignment meets the constraints.
    """
    stats: dict = {"seekers": len(inp.seekers), "providers": len(inp.providers)}
    clock = {"t": time.perf_counter()}

    def stage(name: str, message: str = "") -> None:
        if cancelled():
            raise RunCancelled
        now = time.perf_counter()
        clock["t"] = now
        progress(name, _span(name)[0], message)

    def within(name: str, done: int, total: int) -> None:
        if cancelled():
            raise RunCancelled
        a, b = _span(name)
        progress(name, a + int((b - a) * done / max(total, 1)), f"{done}/{total}")

    def lap(name: str) -> None:
        stats[f"seconds_{name}"] = round(time.perf_counter() - clock["t"], 3)

    taxonomy, groups, countries = reference_data()
    weights = AffinityWeights.from_dict(settings.get("weights") or {})
    if weights.text_floor is None and encoder is not None:  # the model gets vectors, not the encoder
        weights = replace(weights, text_floor=getattr(encoder, "floor", None))
    n_s, n_p = len(inp.seekers), len(inp.providers)

    stage(RunStage.ENCODING, f"0/{n_s + n_p}")
    texts = [p.description for p in inp.seekers] + [p.description for p in inp.providers]
    vectors = _encode(encoder, texts, lambda d, t: within(RunStage.ENCODING, d, t))
    lap(RunStage.ENCODING)

    stage(RunStage.SCORING, f"0/{n_s}")
    model = _ExplainingModel(
        inp.seekers, inp.providers, taxonomy=taxonomy, groups=groups, countries=countries,
        encoder=None, weights=weights,
        seeker_vectors=None if vectors is None else vectors[:n_s],
        provider_vectors=None if vectors is None else vectors[n_s:],
    )
    block = 256

    def score_block(rows: slice) -> np.ndarray:
        within(RunStage.SCORING, rows.stop, n_s)
        return model.score_block(rows)

    k = int(settings.get("k") or 20)
    graph = candidates_build(score_block, n_s, n_p, k_seeker=k, k_provider=k, block=block, rescore=model.score_edges)
    seeker_e = graph.seeker.astype(np.int64)
    provider_e = graph.provider.astype(np.int64)
    score_e = graph.score.astype(np.float64)
    key = {(int(s), int(p)): e for e, (s, p) in enumerate(zip(seeker_e, provider_e, strict=True))}
    extra = [pair for pair in dict.fromkeys([*locked, *previous]) if pair not in key]
    if extra:
        xs = np.array([s for s, _ in extra], dtype=np.int64)
        xp = np.array([p for _, p in extra], dtype=np.int64)
        for pair in extra:
            key[pair] = len(key)
        seeker_e = np.concatenate([seeker_e, xs])
        provider_e = np.concatenate([provider_e, xp])
        score_e = np.concatenate([score_e, model.score_edges(xs, xp)])
    n_e = len(seeker_e)
    locked_mask = np.zeros(n_e, dtype=bool)
    forbidden_mask = np.zeros(n_e, dtype=bool)
    for pair in locked:
        locked_mask[key[pair]] = True
    for pair in forbidden:
        if pair in key:
            forbidden_mask[key[pair]] = True
            locked_mask[key[pair]] = False
    stats["candidates"] = n_e
    lap(RunStage.SCORING)

    stage(RunStage.SOLVING, f"{n_e}")
    quotas = {code: tuple(v) for code, v in (settings.get("quotas") or {}).items()}
    group_codes = sorted(quotas)
    seeker_group = group_quota = None
    if group_codes:
        pos = {c: i for i, c in enumerate(group_codes)}
        seeker_group = np.array([pos.get(g, -1) for g in inp.seeker_groups], dtype=np.int64)
        group_quota = {pos[c]: (int(quotas[c][0]), int(quotas[c][1])) for c in group_codes}
    problem = AssignmentProblem(
        n_seekers=n_s, n_providers=n_p, seeker=seeker_e, provider=provider_e, score=score_e,
        lo=inp.lo, hi=inp.hi, capacity=inp.capacity, locked=locked_mask, forbidden=forbidden_mask,
        seeker_group=seeker_group, group_quota=group_quota,
        seeker_ids=[n["en"] for n in inp.seeker_names] if inp.seeker_names else [p.name for p in inp.seekers],
        provider_ids=[n["en"] for n in inp.provider_names] if inp.provider_names else [p.name for p in inp.providers],
        group_ids=group_codes or None,
    )
    prev = np.array([key[pair] for pair in dict.fromkeys(previous)], dtype=np.int64) if previous else None
    # the fairness MIP (several mentors per SME) is NP-hard: bound its time; the
    # result then reports its gap and the bound on the floor
    result = assignment_solve(problem, fair=bool(settings.get("fair")), previous=prev,
                              time_limit=float(settings.get("time_limit") or FAIR_TIME_LIMIT))
    assignment_check(problem, result)
    lap(RunStage.SOLVING)

    edges = np.asarray(result.edges, dtype=np.int64)
    stage(RunStage.EXPLAINING, f"0/{len(edges)}")
    cs, cp = seeker_e[edges], provider_e[edges]
    parts = model.parts_edges(cs, cp) if len(edges) else {name: np.zeros(0) for name in PARTS}
    model.remember_parts(cs, cp, parts)
    pairs: list[ProposedPair] = []
    for i, e in enumerate(edges):
        s, p = int(cs[i]), int(cp[i])
        breakdown = {name: round(float(parts[name][i]), 6) for name in PARTS}
        reasons = {lang: _names_in(model.reasons(s, p, lang), lang, s, p, inp) for lang in LANGUAGES}
        pairs.append(ProposedPair(s, p, float(score_e[e]), breakdown, reasons, bool(locked_mask[e])))
        if i % 100 == 99:
            within(RunStage.EXPLAINING, i + 1, len(edges))

    matched_s = set(cs.tolist())
    matched_p = set(cp.tolist())
    allowed = ~forbidden_mask
    has_edge = np.zeros(n_s, dtype=bool)
    has_edge[seeker_e] = True
    has_allowed = np.zeros(n_s, dtype=bool)
    has_allowed[seeker_e[allowed]] = True
    unmatched: list[dict] = []
    for i in range(n_s):
        if i in matched_s:
            continue
        if inp.hi[i] == 0:
            why = "no_places"
        elif not has_edge[i]:
            why = "no_candidates"
        elif not has_allowed[i]:
            why = "all_forbidden"
        else:
            why = "capacity_taken"
        unmatched.append({"side": "mentee", "index": i, "why": why})
    for j in range(n_p):
        if j not in matched_p:
            unmatched.append({"side": "mentor", "index": j, "why": "no_capacity" if inp.capacity[j] == 0 else "not_chosen"})
    lap(RunStage.EXPLAINING)
    stats["pairs"] = len(pairs)
    stats["solver_seconds"] = round(result.seconds, 3)
    return MatchOutcome(
        pairs=pairs,
        objective=float(result.objective),
        bound=float(result.bound),
        gap=float(result.gap),
        floor=None if result.floor is None else float(result.floor),
        floor_bound=None if getattr(result, "floor_bound", None) is None else float(result.floor_bound),
        method=result.method,
        proven_optimal=bool(result.proven_optimal),
        changed=result.changed,
        unmatched=unmatched,
        stats=stats,
    )
