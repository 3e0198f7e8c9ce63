"""The matching pipeline on plain data: profiles and limits in; proposed pairs with
their scores, parts and reasons, the solver's totals, and why anyone went without a
pair out. The page, the background task and `kizuna match` all call
`match_compute` (or `match_given` for scores given in a file); an application only
translates its rows into a `MatchInput` and the result back into its rows.

    result = match_compute(inputs, reference=reference, weights=weights, encoder=encoder,
                           options=MatchOptions(k=20), locked=[(0, 3)], progress=report,
                           cancelled=stop_requested)

`match_compute` (module `compute`) loads on first use: it needs scipy and the
affinity model, which a run on given scores does not.
"""

from kizuna.engine.matching.assign import (
    DEFAULT_K,
    FAIR_TIME_LIMIT,
    MatchInput,
    MatchOptions,
    MatchResult,
    ProposedPair,
    match_given,
    match_input_check,
)
from kizuna.engine.matching.progress import (
    STAGE_START,
    STAGES,
    MatchCancelled,
    Progress,
    stage_span,
)
from kizuna.engine.matching.unmatched import PROVIDER, SEEKER, Unmatched

__all__ = [
    "DEFAULT_K", "FAIR_TIME_LIMIT", "PROVIDER", "SEEKER", "STAGES", "STAGE_START", "MatchCancelled", "MatchInput",
    "MatchOptions", "MatchResult", "Progress", "ProposedPair", "Unmatched", "match_compute", "match_given", "match_input_check",
    "stage_span",
]


def __getattr__(name: str):
    if name == "match_compute":
        from kizuna.engine.matching.compute import match_compute

        return match_compute
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
