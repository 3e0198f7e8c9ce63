"""`kizuna match`: recommendations or a proven-optimal assignment from spreadsheets.

    kizuna match --seekers FILE --providers FILE [--scores FILE] (--top K | --assign)
                 [--min-per-seeker N] [--max-per-seeker N] [--fair] [--lang th|ja|en] --out FILE

Profiles (CSV or XLSX) have the columns id (required), name, country, language,
industry_group, technologies, description, region, capacity (and, optionally,
markets: countries served or targeted). Without --scores the affinity is computed
(taxonomy, sentence encoder); with --scores the listed pairs and their scores are
used as given (constraint -1 forbidden, 1 locked) and neither the encoder nor the
Thai and Japanese tokenisers are loaded. Output: seeker_id,provider_id,rank,score,reasons,
evidence (the seeker's and the provider's sentences that matched best, each in its own
language, as "seeker sentence" → "provider sentence"; up to two pairs, joined by " | ").
A summary goes to stderr. Bad input: a message naming file, row, column; exit code 2.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from kizuna.cli._match_io import MatchInputError, read_profiles, read_scores, write_output

EXIT_BAD_INPUT = 2
DENSE_PAIRS = 1_000_000  # above this many pairs, --assign works on a pruned candidate graph
GAP_CHECK_PAIRS = 4_000_000  # and compares with the dense optimum up to this many


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


def _affinity_model(args, seekers_t, providers_t):
    from kizuna.engine.affinity import AffinityConfigError, AffinityModel, AffinityWeights
    from kizuna.engine.taxonomy import (
        TaxonomyError,
        countries_load,
        industry_groups_load,
        taxonomy_load,
    )

    try:
        weights = AffinityWeights.from_json(args.weights) if args.weights else AffinityWeights()
    except AffinityConfigError as exc:
        raise MatchInputError(args.weights, str(exc)) from None
    try:
        taxonomy = taxonomy_load()
    except TaxonomyError as exc:
        raise MatchInputError("taxonomy", str(exc)) from None
    try:
        groups = industry_groups_load()
    except TaxonomyError:
        groups = None
    _warn_unknown(seekers_t, taxonomy, groups)
    _warn_unknown(providers_t, taxonomy, groups)
    encoder = args.encoder or "use"
    return AffinityModel(
        _profiles(seekers_t), _profiles(providers_t), taxonomy=taxonomy, groups=groups,
        countries=countries_load(), encoder=None if encoder == "none" else encoder, weights=weights,
    )


def _reasons_text(model, s: int, p: int, lang: str) -> str:
    return ("" if lang == "ja" else " ").join(model.reasons(int(s), int(p), lang))


def _evidence_text(model, s: int, p: int) -> str:
    """The best sentence pairs of the pair; empty with a scores file or without text."""
    if not hasattr(model, "evidence"):
        return ""
    return " | ".join(f"\u201c{e.seeker_sentence}\u201d \u2192 \u201c{e.provider_sentence}\u201d"
                      for e in model.evidence(int(s), int(p)))


def _run_top(args, model, seeker_ids, provider_ids) -> tuple[list, str]:
    import numpy as np

    from kizuna.engine.candidates import CandidateGraph
    from kizuna.engine.recommend import rank_per_owner, recommend

    if isinstance(model, _ScoresModel):
        keep = ~model.forbidden
        graph = CandidateGraph(len(seeker_ids), len(provider_ids), model.seeker[keep], model.provider[keep], model.score[keep])
        ranked = rank_per_owner(graph, args.top, by="seeker")
    else:
        ranked = recommend(model, args.top, k_provider=0).for_seekers  # the output lists seekers only
    rows = [
        (seeker_ids[s], provider_ids[p], int(r), round(float(v), 6), _reasons_text(model, s, p, args.lang),
         _evidence_text(model, s, p))
        for s, p, r, v in zip(ranked.seeker, ranked.provider, ranked.rank, ranked.score, strict=True)
    ]
    served = len(np.unique(ranked.seeker))
    summary = (f"recommendations: {len(rows)} rows, top {args.top} for {served} of {len(seeker_ids)} seekers; "
               f"{len(seeker_ids) - served} seekers without a candidate")
    return rows, summary


def _run_assign(args, model, seekers_t, providers_t, seeker_ids, provider_ids) -> tuple[list, str]:
    import numpy as np

    from kizuna.engine.assignment import AssignmentProblem, assignment_check, assignment_solve

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
    pruned_note = ""
    keep = None
    if isinstance(model, _ScoresModel):
        seeker, provider, score = model.seeker, model.provider, model.score
        locked, forbidden = model.locked, model.forbidden
    else:
        from kizuna.engine.candidates import candidates_build, candidates_dense

        if n_s * n_p <= DENSE_PAIRS:
            graph = candidates_dense(model.score_block, n_s, n_p, rescore=model.score_edges)
        else:
            k_s = int(max(20, 5 * hi.max(initial=1)))
            k_p = int(max(20, 5 * capacity.max(initial=1)))
            if n_s * n_p <= GAP_CHECK_PAIRS:
                graph = candidates_dense(model.score_block, n_s, n_p, rescore=model.score_edges)
                pruned = candidates_build(model.score_block, n_s, n_p, k_seeker=k_s, k_provider=k_p)
                keep_keys = set((pruned.seeker.astype(np.int64) * n_p + pruned.provider).tolist())
                keep = np.fromiter(((int(a) * n_p + int(b)) in keep_keys for a, b in zip(graph.seeker, graph.provider, strict=True)), dtype=bool, count=graph.n_edges)
            else:
                graph = candidates_build(model.score_block, n_s, n_p, k_seeker=k_s, k_provider=k_p, rescore=model.score_edges)
                pruned_note = (f"; candidates pruned to {graph.n_edges} of {n_s * n_p} pairs (top {k_s} per seeker and "
                               f"top {k_p} per provider); the dense optimum is not computed at this size")
        seeker, provider, score = graph.seeker, graph.provider, graph.score
        locked = forbidden = None
    problem = AssignmentProblem(
        n_seekers=n_s, n_providers=n_p, seeker=seeker, provider=provider, score=score,
        lo=lo, hi=hi, capacity=capacity, locked=locked, forbidden=forbidden,
        seeker_ids=seeker_ids, provider_ids=provider_ids,
    )
    if keep is not None:
        from kizuna.engine.assignment import assignment_subproblem, candidates_pruning_gap

        sub, _ = assignment_subproblem(problem, keep)
        if args.fair:
            result = assignment_solve(sub, fair=True)
            pruned_note = f"; candidates pruned to {int(keep.sum())} of {n_s * n_p} pairs"
        else:
            gap = candidates_pruning_gap(problem, keep)
            result = gap.pruned
            pruned_note = (f"; candidates pruned to {int(keep.sum())} of {n_s * n_p} pairs, dense optimum "
                           f"{gap.dense_objective:.6f}, loss to it {gap.gap:.3%}")
        problem = sub
    else:
        result = assignment_solve(problem, fair=args.fair)
    assignment_check(problem, result)
    chosen = np.asarray(result.edges, dtype=np.int64)
    cs, cp, cv = problem.seeker[chosen], problem.provider[chosen], problem.score[chosen]
    order = np.lexsort((cp, -cv, cs))
    rows = []
    rank = 0
    prev = -1
    for e in order:
        s, p = int(cs[e]), int(cp[e])
        rank = rank + 1 if s == prev else 1
        prev = s
        rows.append((seeker_ids[s], provider_ids[p], rank, round(float(cv[e]), 6), _reasons_text(model, s, p, args.lang),
                     _evidence_text(model, s, p)))
    unmatched = [seeker_ids[i] for i in result.unmatched_seekers]
    unfilled = [provider_ids[j] for j in result.unfilled_providers]

    def names(ids: list[str]) -> str:
        return ", ".join(ids[:10]) + (f" … ({len(ids)})" if len(ids) > 10 else "")

    summary = (
        f"assignment: {len(rows)} pairs; objective {result.objective:.6f}, bound {result.bound:.6f}, "
        f"gap {result.gap:.3%}, {'proven optimal' if result.proven_optimal else 'not proven optimal'} ({result.method})"
        f"{f'; lowest seeker total {result.floor:.6f}' if getattr(result, 'floor', None) is not None else ''}"
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
    if args.min_per_seeker < 0 or args.max_per_seeker < max(1, args.min_per_seeker):
        _say("kizuna match: need 0 ≤ --min-per-seeker ≤ --max-per-seeker and --max-per-seeker ≥ 1")
        return EXIT_BAD_INPUT
    try:
        seekers_t = read_profiles(args.seekers, side="seeker")
        providers_t = read_profiles(args.providers, side="provider")
        seeker_ids = [row["id"] for _, row in seekers_t.rows]
        provider_ids = [row["id"] for _, row in providers_t.rows]
        if args.scores:
            model = _ScoresModel(read_scores(args.scores, seeker_ids, provider_ids))
        else:
            model = _affinity_model(args, seekers_t, providers_t)
        if args.assign:
            from kizuna.engine.assignment import AssignmentInfeasible

            try:
                rows, summary = _run_assign(args, model, seekers_t, providers_t, seeker_ids, provider_ids)
            except AssignmentInfeasible as exc:
                _say("kizuna match: no assignment is possible: " + exc.render(args.lang))
                return EXIT_BAD_INPUT
        else:
            rows, summary = _run_top(args, model, seeker_ids, provider_ids)
        write_output(args.out, rows)
    except MatchInputError as exc:
        _say(f"kizuna match: {exc}")
        return EXIT_BAD_INPUT
    except OSError as exc:
        _say(f"kizuna match: {exc.filename or args.out}: {exc.strerror or exc}")
        return EXIT_BAD_INPUT
    _say(f"{summary}\ntime: {time.perf_counter() - started:.2f} s; output: {args.out}")
    return 0
