"""`kizuna match`: recommendations or a proven-optimal assignment from spreadsheets.

    kizuna match --seekers FILE --providers FILE [--scores FILE] (--top K | --assign)
                 [--min-per-seeker N] [--max-per-seeker N] [--fair] [--candidates K]
                 [--lang th|ja|en] --out FILE

Profiles (CSV or XLSX) have the columns id (required), name, country, language,
industry_group, technologies, description, region, capacity (and, optionally,
markets: countries served or targeted). Without --scores the affinity is computed
(taxonomy, sentence encoder); with --scores the listed pairs and their scores are
used as given (constraint -1 forbidden, 1 locked) and neither the encoder nor the
Thai and Japanese tokenisers are loaded. --assign runs the pipeline of a round's run
(kizuna.engine.matching): the best K candidates of each seeker and each provider,
the proven-optimal assignment, its checker. Output: seeker_id,provider_id,rank,score,reasons,
evidence (the seeker's and the provider's sentences that matched best, each in its own
language, as "seeker sentence" → "provider sentence"; up to two pairs, joined by " | ";
empty with --scores).
A summary goes to stderr. Bad input: a message naming file, row, column; exit code 2.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from kizuna.cli._match_io import MatchInputError, read_profiles, read_scores, write_output
from kizuna.engine.matching import DEFAULT_K

EXIT_BAD_INPUT = 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kizuna match", description="Match seekers with providers.")
    p.add_argument("--seekers", required=True, metavar="FILE")
    p.add_argument("--providers", required=True, metavar="FILE")
    p.add_argument("--scores", metavar="FILE", help="seeker_id,provider_id,score[,constraint] rows replacing the affinity")
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--top", type=int, metavar="K", help="the K best providers for each seeker")
    mode.add_argument("--assign", action="store_true", help="an optimal assignment under capacities")
    p.add_argument("--min-per-seeker", type=int, default=0, metavar="N")
    p.add_argument("--max-per-seeker", type=int, default=1, metavar="N")
    p.add_argument("--fair", action="store_true", help="maximise the lowest seeker's total first (with --assign)")
    p.add_argument("--candidates", type=int, default=DEFAULT_K, metavar="K",
                   help=f"with --assign: candidates kept per seeker and per provider, as a round's k (default {DEFAULT_K})")
    p.add_argument("--lang", choices=("th", "ja", "en"), default="en", help="language of the reasons")
    p.add_argument("--weights", metavar="JSON", help="affinity weights (a JSON object) instead of the defaults")
    p.add_argument("--encoder", choices=("use", "e5", "none"), default=None, help="sentence encoder for the text part")
    p.add_argument("--out", required=True, metavar="FILE")
    return p


def _say(message: str) -> None:
    print(message, file=sys.stderr)


class _ScoresModel:
    """The --scores file as a model: listed pairs only, no encoder, no tokeniser."""

    def __init__(self, scores):
        self.seeker, self.provider, self.score = scores.seeker, scores.provider, scores.score
        self.locked = scores.constraint == 1
        self.forbidden = scores.constraint == -1
        self._locked_pairs = set(zip(self.seeker[self.locked].tolist(), self.provider[self.locked].tolist(), strict=True))

    def reasons(self, s: int, p: int, lang: str) -> list[str]:
        from kizuna.engine import messages

        _register_messages()
        code = "match.scores_locked" if (s, p) in self._locked_pairs else "match.scores_given"
        return [messages.render(code, lang)]


def _register_messages() -> None:
    from kizuna.engine import messages

    messages.register({
        "match.scores_given": {
            "en": "The score comes from the scores file.",
            "th": "คะแนนนี้มาจากไฟล์คะแนน",
            "ja": "スコアはスコアファイルの値です。",
        },
        "match.scores_locked": {
            "en": "An officer fixed this pair (locked in the scores file).",
            "th": "เจ้าหน้าที่กำหนดคู่นี้ไว้แล้ว (ล็อกไว้ในไฟล์คะแนน)",
            "ja": "担当者がこの組み合わせを確定しています（スコアファイルで固定）。",
        },
    })


def _profiles(table):
    from kizuna.engine.profiles import profile_from_row

    return [profile_from_row(row) for _, row in table.rows]


def _warn_unknown(table, taxonomy, groups) -> None:
    from kizuna.engine.profiles import split_list

    for number, row in table.rows:
        for value in split_list(row.get("technologies", "")):
            if taxonomy.lookup(value) is None:
                _say(f"warning: {table.path}, row {number}, column 'technologies': {value!r} is not in the "
                     "taxonomy; it is compared as free text")
        group = row.get("industry_group", "")
        if group and groups is not None and groups.lookup(group) is None:
            _say(f"warning: {table.path}, row {number}, column 'industry_group': {group!r} is not a known "
                 "industry group; it is compared as free text")


def _reference_and_weights(args, seekers_t, providers_t):
    """The shipped reference data and the weights; warns of values it does not know."""
    from kizuna.engine.reference import reference_shipped
    from kizuna.engine.taxonomy import TaxonomyError
    from kizuna.engine.weights import AffinityConfigError, AffinityWeights

    try:
        weights = AffinityWeights.from_json(args.weights) if args.weights else AffinityWeights()
    except AffinityConfigError as exc:
        raise MatchInputError(args.weights, str(exc)) from None
    try:
        reference = reference_shipped()
    except TaxonomyError as exc:
        raise MatchInputError("reference data", str(exc)) from None
    _warn_unknown(seekers_t, reference.taxonomy, reference.groups)
    _warn_unknown(providers_t, reference.taxonomy, reference.groups)
    return reference, weights


def _encoder(args):
    from kizuna.engine.encoder import encoder_by_name

    return encoder_by_name(args.encoder or "use")


def _reasons_text(reasons: list[str], lang: str) -> str:
    return ("" if lang == "ja" else " ").join(reasons)


def _evidence_text(pairs: Sequence[dict]) -> str:
    """The best sentence pairs of a pair as one cell: “seeker” → “provider” | …"""
    return " | ".join(f"\u201c{e['seeker_sentence']}\u201d \u2192 \u201c{e['provider_sentence']}\u201d" for e in pairs)


def _run_top(args, seekers_t, providers_t, scores, seeker_ids, provider_ids) -> tuple[list, str]:
    import numpy as np

    from kizuna.engine.candidates import CandidateGraph
    from kizuna.engine.recommend import rank_per_owner, recommend

    if scores is not None:
        keep = ~scores.forbidden
        graph = CandidateGraph(len(seeker_ids), len(provider_ids), scores.seeker[keep], scores.provider[keep], scores.score[keep])
        ranked = rank_per_owner(graph, args.top, by="seeker")
        model = scores
    else:
        from kizuna.engine.affinity import AffinityModel

        reference, weights = _reference_and_weights(args, seekers_t, providers_t)
        model = AffinityModel.from_reference(_profiles(seekers_t), _profiles(providers_t), reference,
                                             encoder=_encoder(args), weights=weights, evidence=True)
        ranked = recommend(model, args.top, k_provider=0).for_seekers  # the output lists seekers only
    rows = [
        (seeker_ids[s], provider_ids[p], int(r), round(float(v), 6), _reasons_text(model.reasons(int(s), int(p), args.lang), args.lang),
         "" if scores is not None else _evidence_text([e.as_dict() for e in model.evidence(int(s), int(p))]))
        for s, p, r, v in zip(ranked.seeker, ranked.provider, ranked.rank, ranked.score, strict=True)
    ]
    served = len(np.unique(ranked.seeker))
    summary = (f"recommendations: {len(rows)} rows, top {args.top} for {served} of {len(seeker_ids)} seekers; "
               f"{len(seeker_ids) - served} seekers without a candidate")
    return rows, summary


def _run_assign(args, seekers_t, providers_t, scores, seeker_ids, provider_ids) -> tuple[list, str]:
    """The pipeline of a round's run (kizuna.engine.matching): the same candidates
    (top k per seeker and per provider), assignment, checker and analysis."""
    import numpy as np

    from kizuna.engine.matching import PROVIDER, SEEKER, MatchInput, MatchOptions, match_given

    n_s, n_p = len(seeker_ids), len(provider_ids)
    hi = np.array([int(float(row["capacity"])) if row.get("capacity") else args.max_per_seeker
                   for _, row in seekers_t.rows], dtype=np.int64)
    lo = np.minimum(np.full(n_s, args.min_per_seeker, dtype=np.int64), hi)
    for (number, _row), h in zip(seekers_t.rows, hi, strict=True):
        if h < args.min_per_seeker:
            _say(f"warning: {seekers_t.path}, row {number}, column 'capacity': {h} is below --min-per-seeker "
                 f"{args.min_per_seeker}; this seeker gets at most {h}")
    capacity = np.array([int(float(row["capacity"])) if row.get("capacity") else 1
                         for _, row in providers_t.rows], dtype=np.int64)
    inputs = MatchInput(_profiles(seekers_t), _profiles(providers_t), lo=lo, hi=hi, capacity=capacity)
    options = MatchOptions(k=args.candidates, fair=args.fair)
    if scores is not None:
        def pairs(mask) -> list[tuple[int, int]]:
            return list(zip(scores.seeker[mask].tolist(), scores.provider[mask].tolist(), strict=True))

        result = match_given(inputs, seeker=scores.seeker, provider=scores.provider, score=scores.score,
                             reasons=scores.reasons, options=options, locked=pairs(scores.locked),
                             forbidden=pairs(scores.forbidden))
    else:
        from kizuna.engine.matching import match_compute

        reference, weights = _reference_and_weights(args, seekers_t, providers_t)
        result = match_compute(inputs, reference=reference, weights=weights, encoder=_encoder(args), options=options)
    pairs_ = sorted(result.pairs, key=lambda q: (q.seeker, -q.score, q.provider))
    rows = []
    rank = 0
    prev = -1
    for q in pairs_:
        rank = rank + 1 if q.seeker == prev else 1
        prev = q.seeker
        rows.append((seeker_ids[q.seeker], provider_ids[q.provider], rank, round(q.score, 6),
                     _reasons_text(q.reasons[args.lang], args.lang), _evidence_text(q.evidence)))
    unmatched = [seeker_ids[u.index] for u in result.unmatched if u.side == SEEKER and u.reason != "no_places"]
    unfilled = [provider_ids[u.index] for u in result.unmatched if u.side == PROVIDER and u.reason != "no_capacity"]
    candidates = result.stats["candidates"]
    pruned_note = (f"; candidates pruned to {candidates} of {n_s * n_p} pairs (top {args.candidates} per seeker and "
                   f"per provider)" if scores is None and candidates < n_s * n_p else "")

    def names(ids: list[str]) -> str:
        return ", ".join(ids[:10]) + (f" … ({len(ids)})" if len(ids) > 10 else "")

    summary = (
        f"assignment: {len(rows)} pairs; objective {result.objective:.6f}, bound {result.bound:.6f}, "
        f"gap {result.gap:.3%}, {'proven optimal' if result.proven_optimal else 'not proven optimal'} ({result.method})"
        f"{f'; lowest seeker total {result.floor:.6f}' if result.floor is not None else ''}"
        f"{pruned_note}\nunmatched seekers: {len(unmatched)}{(' — ' + names(unmatched)) if unmatched else ''}; "
        f"providers with free capacity: {len(unfilled)}{(' — ' + names(unfilled)) if unfilled else ''}"
    )
    return rows, summary


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    parser = _parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.top is not None and args.top < 1:
        _say("kizuna match: --top K needs K of 1 or more")
        return EXIT_BAD_INPUT
    if args.fair and not args.assign:
        _say("kizuna match: --fair applies to --assign only")
        return EXIT_BAD_INPUT
    if args.candidates < 1:
        _say("kizuna match: --candidates K needs K of 1 or more")
        return EXIT_BAD_INPUT
    if args.min_per_seeker < 0 or args.max_per_seeker < max(1, args.min_per_seeker):
        _say("kizuna match: need 0 ≤ --min-per-seeker ≤ --max-per-seeker and --max-per-seeker ≥ 1")
        return EXIT_BAD_INPUT
    try:
        seekers_t = read_profiles(args.seekers, side="seeker")
        providers_t = read_profiles(args.providers, side="provider")
        seeker_ids = [row["id"] for _, row in seekers_t.rows]
        provider_ids = [row["id"] for _, row in providers_t.rows]
        scores = _ScoresModel(read_scores(args.scores, seeker_ids, provider_ids)) if args.scores else None
        if args.assign:
            from kizuna.engine.assignment import AssignmentInfeasible

            try:
                rows, summary = _run_assign(args, seekers_t, providers_t, scores, seeker_ids, provider_ids)
            except AssignmentInfeasible as exc:
                _say("kizuna match: no assignment is possible: " + exc.render(args.lang))
                return EXIT_BAD_INPUT
        else:
            rows, summary = _run_top(args, seekers_t, providers_t, scores, seeker_ids, provider_ids)
        write_output(args.out, rows)
    except MatchInputError as exc:
        _say(f"kizuna match: {exc}")
        return EXIT_BAD_INPUT
    except OSError as exc:
        _say(f"kizuna match: {exc.filename or args.out}: {exc.strerror or exc}")
        return EXIT_BAD_INPUT
    _say(f"{summary}\ntime: {time.perf_counter() - started:.2f} s; output: {args.out}")
    return 0
