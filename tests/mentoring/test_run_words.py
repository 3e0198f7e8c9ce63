"""Words people use (#9, item 7): run pages that speak as an officer does, round
settings with help and presets (raw weights folded away), a match strength in stars
and words for companies (page and API), and "pairs changed" that counts what the
comparison lists."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kizuna.common.linebreaks import thai_unwrap_html
from kizuna.mentoring.domain import pairings as pairings_domain
from kizuna.mentoring.domain import rounds as rounds_domain
from kizuna.mentoring.domain import runs as runs_domain
from kizuna.mentoring.enums import RunStatus
from kizuna.mentoring.models import MatchingRun, Pairing
from kizuna.mentoring.models.rounds import WEIGHT_PRESETS
from kizuna.mentoring.strength import DEFAULT_SCALE, score_strength, weights_scale
from kizuna.mentoring.templatetags.mentoring import closeness

from .conftest import ONE_EACH

pytestmark = pytest.mark.django_db

JARGON = ("Objective", "Upper bound", "proven optimal", "Gap", "Fairness", "(USE)")


def _client_as(client, user, language: str):
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    return client


def _swapped_rerun(world):
    """A first run, the officer swaps the mentors of SME 1 and SME 2, and a re-run."""
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    first = runs_domain.run_start(round=rnd, actor=world.officer)
    runs_domain.pair_swap(first=first.proposals.get(mentee=world.mentees[0]),
                          second=first.proposals.get(mentee=world.mentees[1]), actor=world.officer)
    second = runs_domain.run_start(round=rnd, actor=world.officer)
    return rnd, first, second


# ---------------------------------------------------------------------------
# "pairs changed" counts what the comparison lists


def test_pairs_changed_counts_the_rows_the_comparison_lists(client, world):
    rnd, first, second = _swapped_rerun(world)
    client.force_login(world.officer)
    page = thai_unwrap_html(client.get(reverse("mentoring:run", args=[second.pk])).content.decode())
    summary = int(re.search(r'<span id="changed">(\d+)</span>', page).group(1))
    compare = thai_unwrap_html(client.get(reverse("mentoring:run_compare", args=[first.pk]), {"other": second.pk}).content.decode())
    rows = re.findall(r'<tr class="change"><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>', compare)
    # two SMEs swapped their mentors: two changes, one per SME, as the table lists them
    assert rows == [("SME 1", "Mentor 1", "Mentor 2"), ("SME 2", "Mentor 2", "Mentor 1")]
    assert summary == len(rows) == 2
    assert "2 pairs changed from run 1 to run 2" in compare
    second.refresh_from_db()
    assert second.changed == 2  # the round's list of runs shows the stored count
    assert re.search(r"<td>2</td><td>[^<]*</td></tr>", thai_unwrap_html(client.get(reverse("mentoring:round", args=[rnd.pk])).content.decode()))
    api = client.get(f"/api/mentoring/runs/{first.pk}/compare/", {"other": second.pk}).json()
    assert api["changed"] == 2 and len(api["changes"]) == 2
    assert client.get(f"/api/mentoring/runs/{second.pk}/").json()["changed"] == 2


def test_an_added_pair_and_a_removed_pair_are_one_change_each(world):
    from kizuna.mentoring.queries.runs import pair_changes

    before = {(1, 10), (2, 20), (3, 30)}
    after = {(1, 11), (2, 20), (2, 21), (4, 40)}  # SME 1 replaced, SME 2 gained one, SME 3 lost, SME 4 new
    changes = [(c.mentee, c.before, c.after) for c in pair_changes(before, after)]
    assert changes == [(1, 10, 11), (2, None, 21), (3, 30, None), (4, None, 40)]


# ---------------------------------------------------------------------------
# Run pages speak as an officer does


@pytest.mark.parametrize(("language", "words"), [
    ("en", ("Total match score", "Best possible total", "This is the best possible set of pairs.", "Match strength")),
    ("th", ("คะแนนความเหมาะสมรวม", "คะแนนรวมสูงสุดที่เป็นไปได้", "นี่คือชุดคู่ที่ดีที่สุดเท่าที่เป็นไปได้", "ระดับความเหมาะสม")),
    ("ja", ("マッチングスコアの合計", "達成可能な最高の合計", "これが最良の組み合わせです。", "マッチングの強さ")),
])
def test_run_page_speaks_as_an_officer_does(client, world, language, words):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    assert run.proven_optimal
    page = thai_unwrap_html(_client_as(client, world.officer, language).get(reverse("mentoring:run", args=[run.pk])).content.decode())
    for word in words:
        assert word in page
    for jargon in JARGON:
        assert jargon not in page


def test_run_page_says_how_close_to_the_best_possible_when_not_proven(client, world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    MatchingRun.objects.filter(pk=run.pk).update(proven_optimal=False, objective=9.0, bound=10.0, gap=0.1)
    page = thai_unwrap_html(_client_as(client, world.officer, "en").get(reverse("mentoring:run", args=[run.pk])).content.decode())
    assert "The total match score is 90 % of the best possible." in page
    assert "This is the best possible set of pairs." not in page
    page = thai_unwrap_html(_client_as(client, world.officer, "ja").get(reverse("mentoring:run", args=[run.pk])).content.decode())
    assert "マッチングスコアの合計は、達成可能な最高値の 90 % です。" in page


def test_closeness_never_reads_100_percent_below_the_best():
    assert (closeness(0.9996), closeness(0.95), closeness(1.0), closeness(None)) == ("99.9", "95", "100", "")


def test_officer_sees_each_proposals_strength_and_its_score_with_the_scale(client, world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    page = thai_unwrap_html(_client_as(client, world.officer, "en").get(reverse("mentoring:run", args=[run.pk])).content.decode())
    p = run.proposals.get(mentee=world.mentees[0])
    row = page[page.index(f'data-proposal="{p.pk}"'):]
    row = row[:row.index("</tr>")]
    expected = score_strength(p.score, boost=p.breakdown.get("boost", 0))
    assert f'data-strength="{expected.code}"' in row and str(expected.label) in row
    assert f"({p.score:.3f})" in row and "Match score from 0 to 0.70" in row


# ---------------------------------------------------------------------------
# Round settings: help for each setting, presets, the raw weights folded away


@pytest.mark.parametrize(("language", "words"), [
    ("en", ("Balanced", "Technology need first", "Same region first", "Language first", "multilingual sentence encoder",
            "Advanced settings: the weights one by one")),
    ("th", ("แบบสมดุล", "เน้นความต้องการด้านเทคโนโลยี", "เน้นภูมิภาคเดียวกัน", "เน้นภาษา", "ตัวเข้ารหัสประโยคหลายภาษา",
            "การตั้งค่าขั้นสูง")),
    ("ja", ("バランス重視", "技術ニーズ重視", "同じ地域重視", "言語重視", "多言語文エンコーダー", "詳細設定")),
])
def test_settings_page_offers_presets_with_help_and_folds_the_weights_away(client, world, language, words):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    response = _client_as(client, world.officer, language).get(reverse("mentoring:round_settings", args=[rnd.pk]))
    page = thai_unwrap_html(response.content.decode())
    for word in words:
        assert word in page
    for name in ("lo", "hi", "capacity", "fair", "encoder", "k"):
        assert f'id="help-{name}"' in page  # every basic setting says what it does
    assert '<details id="advanced-weights">' in page  # folded: not open
    assert page.index('id="presets"') < page.index('id="advanced-weights"') < page.index('name="w_concepts"')
    assert response.context["form"]["preset"].value() == "balanced"
    assert "Fairness" not in page and "(USE)" not in page


def _settings_post(client, rnd, **changes):
    form = client.get(reverse("mentoring:round_settings", args=[rnd.pk])).context["form"]
    data = {name: (form[name].value() if form[name].value() is not None else "") for name in form.fields}
    data = {k: v for k, v in data.items() if v is not False}
    data.update(changes)
    return client.post(reverse("mentoring:round_settings", args=[rnd.pk]), data)


def test_choosing_a_preset_saves_its_weights_and_the_round_page_names_it(client, world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    _client_as(client, world.officer, "en")
    response = _settings_post(client, rnd, preset="language", w_text="0.9")  # the advanced field is ignored
    assert response.status_code == 302
    rnd.refresh_from_db()
    assert rnd.settings["weights"] == {"language": 0.3} == dict(next(p for p in WEIGHT_PRESETS if p.code == "language").weights)
    assert client.get(reverse("mentoring:round_settings", args=[rnd.pk])).context["form"]["preset"].value() == "language"
    page = thai_unwrap_html(client.get(reverse("mentoring:round", args=[rnd.pk])).content.decode())
    assert '<dd id="preset">Language first</dd>' in page
    assert '<dd id="how-chosen">The highest total match score</dd>' in page


def test_custom_saves_the_advanced_weights_and_opens_them(client, world):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    _client_as(client, world.officer, "en")
    assert _settings_post(client, rnd, preset="custom", w_text="0.1").status_code == 302
    rnd.refresh_from_db()
    assert rnd.settings["weights"] == {"text": 0.1}
    page = thai_unwrap_html(client.get(reverse("mentoring:round_settings", args=[rnd.pk])).content.decode())
    assert '<details id="advanced-weights" open>' in page
    assert '<dd id="preset">Custom weights</dd>' in thai_unwrap_html(client.get(reverse("mentoring:round", args=[rnd.pk])).content.decode())


# ---------------------------------------------------------------------------
# Companies see a match strength, never a decimal


def test_strength_thresholds_and_the_boost_and_scale():
    assert [score_strength(s).code for s in (0.55, 0.40, 0.35, 0.30, 0.25, 0.20, 0.15, 0.10, 0.05, 0.0)] == [
        "very_strong", "very_strong", "very_strong", "strong", "good", "good", "fair", "fair", "weak", "weak"]
    assert [score_strength(s).stars for s in (0.45, 0.30, 0.20, 0.10, 0.05)] == [5, 4, 3, 2, 1]
    assert score_strength(0.9, boost=0.6).code == "strong"  # an officer's boost is a decision, not a fit
    assert DEFAULT_SCALE == pytest.approx(0.70)
    language_first = weights_scale({"language": 0.3})
    assert language_first == pytest.approx(1.0)
    # 0.45 with "Language first" is 0.315 on the default scale: strong, not very strong
    assert score_strength(0.45, scale=language_first).code == "strong"


@pytest.fixture
def published(world, django_capture_on_commit_callbacks):
    rnd = rounds_domain.round_open(programme=world.programme, actor=world.officer, settings=ONE_EACH)
    run = runs_domain.run_start(round=rnd, actor=world.officer)
    with django_capture_on_commit_callbacks(execute=True):
        pairings_domain.round_publish(round=rnd, run=run, actor=world.officer)
    return Pairing.objects.get(round=rnd, mentee=world.mentees[0])


STRENGTH_WORDS = {
    "th": {"very_strong": "เหมาะสมมาก", "strong": "เหมาะสมดี", "good": "เหมาะสม", "fair": "พอใช้", "weak": "เหมาะสมน้อย"},
    "ja": {"very_strong": "非常に高い", "strong": "高い", "good": "良好", "fair": "普通", "weak": "低い"},
    "en": {"very_strong": "very strong", "strong": "strong", "good": "good", "fair": "fair", "weak": "weak"},
}


@pytest.mark.parametrize(("who", "language"), [("mentee_rep", "th"), ("mentor_rep", "ja"), ("mentee_rep", "en")])
def test_company_sees_stars_and_a_word_and_no_score_on_the_pair_page(client, world, published, who, language):
    user = getattr(world, who)
    page = thai_unwrap_html(_client_as(client, user, language).get(reverse("mentoring:pairing", args=[published.pk])).content.decode())
    strength = score_strength(published.score, boost=published.breakdown.get("boost", 0))
    block = page[page.index('<dd id="strength">'):]
    block = block[:block.index("</dd>")]
    assert f'data-stars="{strength.stars}"' in block
    assert "★" * strength.stars + "☆" * (5 - strength.stars) in block
    assert STRENGTH_WORDS[language][strength.code] in block
    assert f"{published.score:.3f}" not in page and f"{published.score:.2f}" not in page
    assert not re.search(r"\b0\.\d{2,}", block)


def test_officer_sees_the_strength_and_the_score_with_its_scale_on_the_pair_page(client, world, published):
    page = thai_unwrap_html(_client_as(client, world.officer, "en").get(reverse("mentoring:pairing", args=[published.pk])).content.decode())
    assert '<span class="muted" id="score" title="Match score from 0 to 0.70' in page
    assert f"({published.score:.3f})" in page


def test_api_gives_companies_the_strength_and_officers_the_score_too(client, world, published):
    strength = score_strength(published.score, boost=published.breakdown.get("boost", 0))
    _client_as(client, world.mentee_rep, "th")
    mine = client.get(f"/api/mentoring/pairings/{published.pk}/").json()
    assert mine["strength"] == {"stars": strength.stars, "code": strength.code,
                                "label": STRENGTH_WORDS["th"][strength.code]}
    assert mine["score"] is None and mine["breakdown"] is None and mine["score_scale"] is None
    assert all(p["score"] is None for p in client.get("/api/mentoring/pairings/").json()["results"])
    _client_as(client, world.officer, "en")
    theirs = client.get(f"/api/mentoring/pairings/{published.pk}/").json()
    assert theirs["strength"]["code"] == strength.code and theirs["strength"]["label"] == str(strength.label)
    assert theirs["score"] == pytest.approx(published.score) and theirs["score_scale"] == pytest.approx(0.70)
    assert sum(theirs["breakdown"].values()) == pytest.approx(published.score, abs=1e-5)
    run = MatchingRun.objects.get(status=RunStatus.DONE)
    proposals = client.get(f"/api/mentoring/runs/{run.pk}/proposals/").json()
    assert {p["mentee"]: p["strength"]["code"] for p in proposals}[world.mentees[0].pk] == strength.code


def test_migration_recounts_the_changes_of_earlier_runs(world):
    import importlib

    from django.apps import apps

    recount = importlib.import_module("kizuna.mentoring.migrations.0005_bb_words_changed_recount").recount
    _rnd, _first, second = _swapped_rerun(world)
    MatchingRun.objects.filter(pk=second.pk).update(changed=4)  # as the engine's count had stored it
    recount(apps, None)
    second.refresh_from_db()
    assert second.changed == 2


def test_the_calibration_benchmark_measures_the_thresholds_the_platform_uses():
    from pathlib import Path

    from kizuna.mentoring.strength import STRENGTH_LEVELS

    source = (Path(__file__).resolve().parents[2] / "benchmarks" / "strength_calibration.py").read_text(encoding="utf-8")
    levels = re.search(r"^LEVELS = (.*)$", source, re.MULTILINE).group(1)
    assert [float(x) for x in re.findall(r"\((0\.\d+), ", levels)] == [low for low, *_ in STRENGTH_LEVELS[:-1]]
