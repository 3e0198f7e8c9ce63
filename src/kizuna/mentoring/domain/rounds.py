"""Functions that change matching rounds: open one, its settings, its
participants, and the warming of its text vectors. Runs are in runs.py, the
publication of pairs and each side's answer in pairings.py. Views, the API and
tasks call these and nothing else."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings as django_settings
from django.db import transaction
from django.db.models import Max

from kizuna.accounts.models import User
from kizuna.engine.weights import AffinityConfigError, AffinityWeights
from kizuna.mentoring.adapters import encoder_for
from kizuna.mentoring.domain.errors import MentoringError
from kizuna.mentoring.enums import EarlierPairs, Encoder, Side
from kizuna.mentoring.models import MatchingRound, RoundParticipant
from kizuna.mentoring.models.rounds import DEFAULT_ROUND_SETTINGS
from kizuna.mentoring.tasks import round_vectors_task
from kizuna.organisations.models import Organisation
from kizuna.programmes.enums import ParticipationRole
from kizuna.programmes.models import Participation, Programme

# ---------------------------------------------------------------------------
# Opening and settings


def round_settings_clean(values: dict) -> dict:
    """The round settings with defaults filled in; raises MentoringError naming the bad value."""
    merged = {**DEFAULT_ROUND_SETTINGS, **(values or {})}
    for key in ("lo", "hi", "capacity", "k"):
        value = merged[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise MentoringError("setting_not_whole", name=key, value=value)
    if merged["lo"] > merged["hi"]:
        raise MentoringError("settings_lo_above_hi", lo=merged["lo"], hi=merged["hi"])
    if merged["encoder"] not in Encoder.values:
        raise MentoringError("encoder_unknown", value=merged["encoder"])
    if merged["earlier_pairs"] not in EarlierPairs.values:
        raise MentoringError("earlier_pairs_unknown", field="earlier_pairs", value=merged["earlier_pairs"],
                             allowed=", ".join(EarlierPairs.values))
    try:
        AffinityWeights.from_dict(merged["weights"] or {})
    except AffinityConfigError as exc:
        raise MentoringError("weights_invalid", reason=str(exc)) from None
    quotas = {}
    for code, bounds in (merged["quotas"] or {}).items():
        try:
            low, high = (int(b) for b in bounds)
        except (TypeError, ValueError):
            raise MentoringError("quota_not_numbers", group=code) from None
        if low < 0 or high < low:
            raise MentoringError("quota_order", group=code)
        quotas[code] = [low, high]
    merged["quotas"] = quotas
    merged["fair"] = bool(merged["fair"])
    return merged


@transaction.atomic
def round_open(*, programme: Programme, actor: User | None, settings: dict | None = None) -> MatchingRound:
    """Open the next round of `programme` with every mentor and mentee of the
    programme as a participant (the officer may exclude some afterwards)."""
    number = (programme.rounds.aggregate(n=Max("number"))["n"] or 0) + 1
    rnd = MatchingRound.objects.create(
        programme=programme, number=number, settings=round_settings_clean(settings or {}), created_by=actor
    )
    roles = {ParticipationRole.MENTOR: Side.MENTOR, ParticipationRole.MENTEE: Side.MENTEE}
    rows = Participation.objects.filter(programme=programme, role__in=list(roles)).values_list("organisation_id", "role")
    RoundParticipant.objects.bulk_create(
        [RoundParticipant(round=rnd, organisation_id=oid, side=roles[role]) for oid, role in rows], batch_size=2000
    )
    round_vectors_enqueue(rnd)
    return rnd


def round_vectors_enqueue(rnd: MatchingRound) -> None:
    """Queue the encoding of the participants' descriptions (a task), so that the
    texts are encoded once, while the officer prepares the round, not in every run.
    Off with settings.KIZUNA_ROUND_WARM_VECTORS = False."""
    if getattr(django_settings, "KIZUNA_ROUND_WARM_VECTORS", True) and rnd.effective_settings()["encoder"] == "use":
        # after the commit: the task must see the participants, and an immediate
        # backend must not encode while the transaction holds the database
        transaction.on_commit(lambda: round_vectors_task.enqueue(rnd.pk))


def round_vectors_warm(round_id: int) -> int:
    """Encode every included participant's description with the round's encoder
    (the encoder keeps the vectors in its cache); returns how many texts were new."""
    rnd = MatchingRound.objects.get(pk=round_id)
    encoder = encoder_for(rnd.effective_settings()["encoder"])
    if encoder is None or not hasattr(encoder, "encoded"):
        return 0
    texts = list(
        Organisation.objects.filter(round_participations__round=rnd, round_participations__included=True)
        .exclude(description="").values_list("description", flat=True).distinct()
    )
    before = encoder.encoded
    for start in range(0, len(texts), 256):
        encoder.encode(texts[start : start + 256])
    return encoder.encoded - before


def round_settings_set(*, round: MatchingRound, settings: dict) -> MatchingRound:
    before = round.effective_settings()["encoder"]
    round.settings = round_settings_clean(settings)
    round.save(update_fields=["settings", "updated"])
    if round.settings["encoder"] != before:
        round_vectors_enqueue(round)
    return round


PARTICIPANT_FIELDS = ("included", "capacity", "lo", "hi", "open_to_all")


def round_participants_update(*, round: MatchingRound, changes: Iterable[dict]) -> int:
    """Apply {"id", "included", "capacity", "lo", "hi", "open_to_all"} to the round's participants
    (open_to_all: a mentor of CLMV companies may also mentor the round's other SMEs)."""
    changes = list(changes)
    by_id = {p.pk: p for p in round.participants.filter(pk__in=[c["id"] for c in changes])}
    touched = []
    for change in changes:
        p = by_id.get(change["id"])
        if p is None:
            continue
        for field in PARTICIPANT_FIELDS:
            if field in change:
                setattr(p, field, change[field])
        if p.lo is not None and p.hi is not None and p.lo > p.hi:
            raise MentoringError("participant_lo_above_hi", name=p.organisation.display_name(), lo=p.lo, hi=p.hi)
        touched.append(p)
    RoundParticipant.objects.bulk_update(touched, list(PARTICIPANT_FIELDS), batch_size=1000)
    return len(touched)
