"""The weights of an affinity score and the parts of one pair's score.

`AffinityWeights` is configuration: one weight per part of the score (engine/affinity.py
says what each part measures and how they combine) and the settings of the parts,
loadable from a dict or a JSON file and kept with a round, so every run is
reproducible. `Breakdown` is one pair's weighted parts, whose sum is its score.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from kizuna.engine.retrieval import SentencePair

PARTS = ("concepts", "text", "sentences", "feedback", "industry", "language", "geography", "boost")


class AffinityConfigError(ValueError):
    """Weights that cannot be used; the message names the key and the value."""


@dataclass(frozen=True)
class AffinityWeights:
    # Weights chosen on the development set only (tests/data/eval, a grid searched by
    # `benchmarks/eval_quality.py --choose`); a part stays in only if adding it improves
    # the held-out set (tests/data/eval/heldout), which decides in or out, never a value.
    # sentences (held-out −0.004) and industry (held-out ±0.000) fail that rule: 0 by
    # default, as language, geography and hubness, which lowered NDCG@5 on development.
    # The sentence evidence of reasons does not need the sentences part (see `evidence`).
    concepts: float = 0.05
    text: float = 0.50
    sentences: float = 0.0
    feedback: float = 0.15
    industry: float = 0.0
    language: float = 0.0
    geography: float = 0.0
    boost: float = 1.0
    hubness: float = 0.0  # CSLS strength on the whole-text cosine (0: none, 1: full CSLS)
    hub_k: float = 5  # nearest neighbours that make a profile's hub score
    feedback_top: float = 3  # best providers whose mean vector is the feedback query
    industry_gate: float = 0.5  # need at which a shared industry counts fully (0: ungated)
    evidence_min: float = 0.3  # sentence cosine from which a sentence pair is shown as a reason
    text_floor: float | None = None  # None: the encoder's own (TextEncoder.floor)
    broader_credit: float = 0.5
    described_credit: float = 0.5  # a concept only in the description, when the profile lists others
    related_industry: float = 0.5
    same_area: float = 0.5
    reason_text_min: float = 0.35  # text part (before weighting) from which descriptions are "close in meaning"
    reason_text_related: float = 0.1  # … and from which they "touch on related topics"

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> AffinityWeights:
        known = {f.name for f in fields(cls)}
        values: dict[str, float] = {}
        for key, value in data.items():
            if key not in known:
                raise AffinityConfigError(f"unknown affinity weight {key!r}; known: {', '.join(sorted(known))}")
            if key == "text_floor" and value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
                raise AffinityConfigError(f"affinity weight {key!r} must be a finite number, not {value!r}")
            if value < 0:
                raise AffinityConfigError(f"affinity weight {key!r} must not be negative, not {value!r}")
            values[key] = float(value)
        weights = cls(**values)
        if weights.text_floor is not None and weights.text_floor >= 1:
            raise AffinityConfigError(f"affinity weight 'text_floor' must be below 1, not {weights.text_floor!r}")
        for key in ("hub_k", "feedback_top"):
            value = getattr(weights, key)
            if value < 1 or value != int(value):
                raise AffinityConfigError(f"affinity weight {key!r} must be a whole number of at least 1, not {value!r}")
        return weights

    @property
    def uses_sentences(self) -> bool:
        """Whether scores need sentence vectors: the sentences part, or the industry
        gate (whose need includes it)."""
        return bool(self.sentences or (self.industry and self.industry_gate))

    @classmethod
    def from_json(cls, path: str | Path) -> AffinityWeights:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise AffinityConfigError(f"{path}: {exc}") from None
        if not isinstance(data, Mapping):
            raise AffinityConfigError(f"{path}: expected an object of weight name → number")
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, float | None]:
        return asdict(self)


@dataclass(frozen=True)
class Breakdown:
    """The weighted parts of one pair's score; `total` is their sum."""

    concepts: float
    text: float
    industry: float
    language: float
    geography: float
    boost: float
    sentences: float = 0.0
    feedback: float = 0.0
    evidence: tuple[SentencePair, ...] = ()  # the best-matching sentence pairs, best first

    @property
    def total(self) -> float:
        return (self.concepts + self.text + self.sentences + self.feedback + self.industry + self.language
                + self.geography + self.boost)

    def as_dict(self) -> dict[str, float]:
        return {p: getattr(self, p) for p in PARTS} | {"total": self.total}
