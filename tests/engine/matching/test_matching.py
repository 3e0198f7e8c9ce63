"""The matching pipeline on plain data: candidates, locked and previous pairs,
cancellation, progress, reasons and the analysis of who went without a pair."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from match_support import REFERENCE, TAXONOMY

from kizuna.engine import messages
from kizuna.engine.affinity import AffinityModel
from kizuna.engine.assignment import AssignmentInputError
from kizuna.engine.candidates import candidates_build
from kizuna.engine.encoder import HashingEncoder
from kizuna.engine.matching import (
    PROVIDER,
    SEEKER,
    STAGE_START,
    MatchCancelled,
    MatchInput,
    MatchOptions,
    match_compute,
    match_given,
    stage_span,
)
from kizuna.engine.profiles import Profile
from kizuna.engine.text import sentences
from kizuna.engine.weights import AffinityWeights

SMES = [
    Profile("s1", "Siam Parts", languages=("th",), industry_group="auto_parts",
            technologies=("predictive_maintenance",), description="โรงงานต้องการระบบบำรุงรักษาเชิงพยากรณ์", region="Rayong"),
    Profile("s2", "Bangkok Foods", languages=("en",), industry_group="food", technologies=("cold_chain",),
            description="Frozen food exports need cold chain tracking."),
    Profile("s3", "Korat Robots", languages=("ja",), technologies=("robotics",), description="ロボットの導入"),
]
MENTORS = [
    Profile("p1", "Hitachi", languages=("ja", "th"), technologies=("予知保全", "IoT"), description="予知保全", region="Chonburi"),
    Profile("p2", "Nippon Cold", languages=("en",), technologies=("cold chain",), description="Cold chain tracking for food."),
    Profile("p3", "Osaka Robots", languages=("ja",), technologies=("ロボット",), description="産業用ロボット"),
]
NAMES_S = [{"th": "สยามพาร์ท", "ja": "サイアム・パーツ", "en": "Siam Parts"},
           {"th": "บางกอกฟู้ดส์", "ja": "バンコク・フーズ", "en": "Bangkok Foods"},
           {"th": "โคราชโรบอท", "ja": "コラート・ロボット", "en": "Korat Robots"}]
NAMES_P = [{"th": "ฮิตาชิ", "ja": "日立", "en": "Hitachi"},
           {"th": "นิปปอนโคลด์", "ja": "日本コールド", "en": "Nippon Cold"},
           {"th": "โอซาก้าโรบอท", "ja": "大阪ロボット", "en": "Osaka Robots"}]


def inputs(hi=(1, 1, 1), capacity=(1, 1, 1), lo=None, names=False) -> MatchInput:
    hi = np.array(hi, dtype=np.int64)
    return MatchInput(SMES[: len(hi)], MENTORS[: len(capacity)], lo=np.zeros_like(hi) if lo is None else np.array(lo),
                      hi=hi, capacity=np.array(capacity, dtype=np.int64),
                      seeker_names=NAMES_S[: len(hi)] if names else None, provider_names=NAMES_P[: len(capacity)] if names else None)


def run(inp=None, **kwargs):
    return match_compute(inp or inputs(), reference=REFERENCE, encoder=HashingEncoder(), **kwargs)


def pairs(result) -> set[tuple[int, int]]:
    return {(p.seeker, p.provider) for p in result.pairs}


def test_each_sme_gets_the_mentor_offering_what_it_needs():
    result = run()
    assert pairs(result) == {(0, 0), (1, 1), (2, 2)}
    assert result.proven_optimal and result.gap == 0.0
    assert result.objective == pytest.approx(sum(p.score for p in result.pairs))
    assert result.unmatched == []
    assert result.stats["candidates"] == 9 and result.stats["pairs"] == 3


def test_a_locked_pair_outside_the_candidates_is_added_and_kept():
    result = run(options=MatchOptions(k=1), locked=[(0, 2)])
    assert result.stats["candidates"] == 4  # the three best pairs (each side's top one) and the locked one
    chosen = {(p.seeker, p.provider): p for p in result.pairs}
    assert chosen[(0, 2)].locked and not chosen[(1, 1)].locked
    # each of the eight parts is rounded to 6 decimals
    assert chosen[(0, 2)].score == pytest.approx(sum(chosen[(0, 2)].breakdown.values()), abs=1e-5)


def test_a_previous_pair_becomes_a_candidate_and_a_forbidden_one_is_never_proposed():
    result = run(options=MatchOptions(k=1), previous=[(1, 0)], forbidden=[(0, 0)])
    assert result.stats["candidates"] == 4
    assert (0, 0) not in pairs(result)
    assert {(1, 1), (2, 2)} <= pairs(result)


def test_reasons_name_each_side_in_the_readers_language():
    result = run(inputs(names=True), weights=AffinityWeights(geography=0.05))  # geography is 0 by default
    first = next(p for p in result.pairs if p.seeker == 0)
    assert first.reasons["en"][0] == "Siam Parts needs Predictive maintenance, which Hitachi offers."
    assert first.reasons["ja"][0] == "サイアム・パーツが求める予知保全を日立が提供しています。"
    assert first.reasons["th"][0].startswith("สยามพาร์ท ต้องการ")
    assert "Both are located in the Eastern Economic Corridor (EEC)." in first.reasons["en"]


class CountingEncoder(HashingEncoder):
    """A HashingEncoder that records every text it is asked to encode."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []

    def encode(self, texts):
        self.texts.extend(texts)
        return super().encode(texts)


def test_proposed_pairs_carry_their_best_sentence_pairs_as_evidence():
    result = run()
    by_seeker = {p.seeker: p for p in result.pairs}
    assert by_seeker[1].provider == 1
    assert [(e["seeker_sentence"], e["provider_sentence"]) for e in by_seeker[1].evidence] == [
        ("Frozen food exports need cold chain tracking.", "Cold chain tracking for food.")]
    assert by_seeker[1].evidence[0]["seeker_language"] == by_seeker[1].evidence[0]["provider_language"] == "en"
    assert 0 < by_seeker[1].evidence[0]["similarity"] <= 1


def test_sentences_are_encoded_only_for_the_sentence_part_the_industry_gate_or_evidence():
    whole = [p.description for p in SMES + MENTORS]
    encoder = CountingEncoder()
    result = match_compute(inputs(), reference=REFERENCE, encoder=encoder, options=MatchOptions(evidence=False),
                           weights=AffinityWeights(sentences=0.0, industry_gate=0.0))
    assert encoder.texts == whole  # each description once, as a whole
    assert all(p.evidence == [] for p in result.pairs)
    encoder = CountingEncoder()
    result = match_compute(inputs(hi=(1, 1, 1), capacity=(1, 1, 0)), reference=REFERENCE, encoder=encoder,
                           options=MatchOptions(evidence=True), weights=AffinityWeights(sentences=0.0, industry_gate=0.0))
    proposed = sorted({p.seeker for p in result.pairs}), sorted({p.provider for p in result.pairs})
    assert len(proposed[1]) == 2  # the third mentor takes nobody: its sentences are never encoded
    # whole texts, then — after the assignment, in one call — the (one-sentence) descriptions of the proposed pairs
    assert encoder.texts == whole + [SMES[i].description for i in proposed[0]] + [MENTORS[j].description for j in proposed[1]]
    assert [(e["seeker_sentence"], e["provider_sentence"]) for e in {p.seeker: p.evidence for p in result.pairs}[1]] == [
        ("Frozen food exports need cold chain tracking.", "Cold chain tracking for food.")]


def test_unmatched_participants_get_a_reason_in_three_languages():
    result = run(inputs(hi=(1, 0, 1), capacity=(1, 1, 0), names=True), forbidden=[(2, 0), (2, 1), (2, 2)])
    assert pairs(result) == {(0, 0)}
    why = {(u.side, u.index): u for u in result.unmatched}
    assert {k: u.reason for k, u in why.items()} == {
        (SEEKER, 1): "no_places", (SEEKER, 2): "all_forbidden", (PROVIDER, 1): "not_chosen", (PROVIDER, 2): "no_capacity",
    }
    assert why[(SEEKER, 1)].messages == {
        "en": "Bangkok Foods asks for no partner: its maximum number of partners is 0.",
        "th": "บางกอกฟู้ดส์ ไม่ได้ขอคู่ เพราะกำหนดจำนวนคู่สูงสุดไว้เป็น 0",
        "ja": "バンコク・フーズは相手の上限が0のため、組み合わせを求めていません。",
    }
    assert why[(SEEKER, 2)].messages["en"] == "Every candidate pair of Korat Robots is forbidden."
    assert why[(PROVIDER, 2)].messages["ja"] == "大阪ロボットは受け入れ枠が0のため、誰とも組み合わされません。"
    assert why[(SEEKER, 2)].code == "matching.unmatched.all_forbidden"


def test_a_seeker_whose_candidates_are_full_went_to_higher_scores():
    result = run(inputs(hi=(1, 1), capacity=(1,)))
    assert [(u.side, u.index, u.reason) for u in result.unmatched] == [(SEEKER, 1, "capacity_taken")]


def test_every_matching_message_has_the_same_placeholders_in_each_language():
    codes = [code for code in messages.catalogue() if code.startswith("matching.")]
    assert len(codes) == 11
    for code in codes:
        texts = messages.catalogue()[code]
        assert messages.placeholders(texts["th"]) == messages.placeholders(texts["en"]) == messages.placeholders(texts["ja"])


def test_progress_goes_through_the_stages_in_order_and_never_back():
    seen = []
    run(progress=lambda stage, percent, message: seen.append((stage, percent)))
    assert list(dict.fromkeys(s for s, _ in seen)) == ["encoding", "scoring", "solving", "explaining"]
    percents = [p for _, p in seen]
    assert percents == sorted(percents)
    for stage, percent in seen:
        first, last = stage_span(stage)
        assert first <= percent <= last
    assert percents[0] == STAGE_START["encoding"]


@pytest.mark.parametrize("stop_at", ["encoding", "scoring", "solving", "explaining"])
def test_cancelling_at_any_stage_raises_and_returns_nothing(stop_at):
    stage = {"now": ""}

    def progress(name, percent, message):
        stage["now"] = name

    with pytest.raises(MatchCancelled):
        run(progress=progress, cancelled=lambda: stage["now"] == stop_at)
    assert stage["now"] == stop_at


def test_given_scores_are_assigned_with_the_same_checker_and_reasons():
    scores = np.array([0.9, 0.1, 0.8, 0.7])
    result = match_given(inputs(hi=(1, 1), capacity=(1, 1)), seeker=np.array([0, 0, 1, 1]), provider=np.array([0, 1, 0, 1]),
                         score=scores, reasons=lambda s, p, lang: [f"{lang}:{s}{p}"], locked=[(0, 1)])
    assert pairs(result) == {(0, 1), (1, 0)}
    assert next(p for p in result.pairs if p.seeker == 0).reasons == {"th": ["th:01"], "ja": ["ja:01"], "en": ["en:01"]}
    assert result.objective == pytest.approx(0.9)


def test_a_locked_pair_missing_from_given_scores_is_named():
    with pytest.raises(AssignmentInputError) as err:
        match_given(inputs(hi=(1,), capacity=(1, 1)), seeker=np.array([0]), provider=np.array([0]), score=np.array([1.0]),
                    reasons=lambda s, p, lang: [], locked=[(0, 1)])
    assert err.value.render("en") == ("The pair of seeker s1 and provider p2 is locked or was chosen before, "
                                      "but it is not among the given pairs.")


CODES = TAXONOMY.codes
profiles = st.builds(
    Profile, id=st.uuids().map(str), technologies=st.lists(st.sampled_from(CODES), max_size=3).map(tuple),
    industry_group=st.sampled_from(["", "auto_parts", "food"]), region=st.sampled_from(["", "Rayong", "Bangkok"]),
    description=st.sampled_from(["", "robots", "cold chain tracking", "予知保全", "ERP"]),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(profiles, min_size=1, max_size=6), st.lists(profiles, min_size=1, max_size=6), st.integers(1, 3),
       st.data())
def test_every_locked_pair_is_proposed_and_every_pair_is_a_candidate_or_locked(seekers, providers, k, data):
    n_s, n_p = len(seekers), len(providers)
    hi = np.array(data.draw(st.lists(st.integers(1, 2), min_size=n_s, max_size=n_s)), dtype=np.int64)
    capacity = np.array(data.draw(st.lists(st.integers(1, 2), min_size=n_p, max_size=n_p)), dtype=np.int64)
    # locked pairs: distinct seekers and distinct providers, so that they always fit
    order = data.draw(st.permutations(range(n_p)))
    locked = [(s, order[s]) for s in data.draw(st.lists(st.integers(0, n_s - 1), unique=True, max_size=min(n_s, n_p)))
              if s < n_p]
    inp = MatchInput(seekers, providers, lo=np.zeros(n_s, dtype=np.int64), hi=hi, capacity=capacity)
    result = match_compute(inp, reference=REFERENCE, encoder=HashingEncoder(), options=MatchOptions(k=k), locked=locked)
    chosen = pairs(result)
    assert set(locked) <= chosen
    assert all(p.locked == ((p.seeker, p.provider) in set(locked)) for p in result.pairs)
    model = AffinityModel.from_reference(seekers, providers, REFERENCE, encoder=HashingEncoder(),
                                         weights=AffinityWeights(text_floor=HashingEncoder.floor))
    graph = candidates_build(model.score_block, n_s, n_p, k_seeker=k, k_provider=k, block=256, rescore=model.score_edges)
    candidates = set(zip(graph.seeker.tolist(), graph.provider.tolist(), strict=True))
    assert chosen <= candidates | set(locked)
    assert len(result.unmatched) == n_s + n_p - len({s for s, _ in chosen}) - len({p for _, p in chosen})


_SENTENCES = ["We need cold chain tracking for frozen fruit.", "Our lines mould rubber parts for cars.",
              "Production planning is done in spreadsheets.", "We build ERP and MES systems.",
              "Our sensors watch temperature in trucks.", "We secure control systems of power plants.",
              "Scheduling of sewing lines is manual.", "We export durian to Japan."]


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 9), st.integers(2, 9), st.integers(0, 10_000), st.integers(1, 2))
def test_evidence_encoded_for_proposed_pairs_only_equals_evidence_encoded_for_everyone(n_s, n_p, seed, hi):
    rng = np.random.default_rng(seed)

    def side(n, prefix):
        return [Profile(f"{prefix}{i}", f"{prefix}{i}", languages=("en",),
                        description=" ".join(rng.choice(_SENTENCES, int(rng.integers(1, 4)), replace=False)))
                for i in range(n)]

    seekers, providers = side(n_s, "s"), side(n_p, "p")
    inp = MatchInput(seekers, providers, lo=np.zeros(n_s, dtype=np.int64), hi=np.full(n_s, hi, dtype=np.int64),
                     capacity=np.full(n_p, 1, dtype=np.int64))
    encoder = CountingEncoder()
    result = match_compute(inp, reference=REFERENCE, encoder=encoder, options=MatchOptions(evidence=True))
    # the path before: every description's sentences encoded up front (evidence=True)
    eager = AffinityModel.from_reference(seekers, providers, REFERENCE, encoder=HashingEncoder(), evidence=True,
                                         weights=AffinityWeights(text_floor=HashingEncoder.floor))
    assert eager.encodes_sentences
    for pair in result.pairs:
        assert pair.evidence == [e.as_dict() for e in eager.evidence(pair.seeker, pair.provider)]
        for lang in ("th", "ja", "en"):
            assert pair.reasons[lang] == eager.reasons(pair.seeker, pair.provider, lang)
    whole = [p.description for p in seekers + providers]
    sentences_encoded = encoder.texts[len(whole):]
    in_pairs = {p.seeker for p in result.pairs}, {p.provider for p in result.pairs}
    assert len(sentences_encoded) == sum(len(sentences(seekers[i].description)) for i in in_pairs[0]) + sum(
        len(sentences(providers[j].description)) for j in in_pairs[1])
