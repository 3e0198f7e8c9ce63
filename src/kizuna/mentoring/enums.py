"""States of Big Brother rounds, runs and pairs; transitions happen in domain functions."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kizuna.common.jobs import JobStatus


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Pairs proposed")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class Side(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")


# Who posted a plan update: one side of the pair, or a programme officer.
PLAN_UPDATE_OFFICER = "officer"
PLAN_UPDATE_SIDES = [*Side.choices, (PLAN_UPDATE_OFFICER, _("Programme officer"))]


class Response(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class PairingStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    ACCEPTED = "accepted", _("Accepted by both sides")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Plan completed")

    @classmethod
    def active_states(cls) -> tuple[str, ...]:
        return (cls.PUBLISHED, cls.ACCEPTED, cls.COMPLETED)


class WaitingFor(models.TextChoices):
    """Whose answer a published pair waits for (Pairing.waiting_for), with the label
    a reader who is neither side reads (officers, ministry viewers)."""

    BOTH = "both", _("Waiting for both sides' answers")
    MENTOR = "mentor", _("Waiting for the mentor's answer")
    MENTEE = "mentee", _("Waiting for the SME's answer")


RunStatus = JobStatus  # a run is a job (common/jobs.py): the same states and groups


class RunStage(models.TextChoices):
    """The stages of a run, in order; each records its progress and message."""

    QUEUED = "queued", _("Waiting for a worker")
    PROFILES = "profiles", _("Building profiles")
    ENCODING = "encoding", _("Encoding texts")
    SCORING = "scoring", _("Scoring candidates")
    SOLVING = "solving", _("Solving")
    EXPLAINING = "explaining", _("Explaining")
    SAVING = "saving", _("Saving")
    DONE = "done", _("Finished")


class DecisionKind(models.TextChoices):
    LOCK = "lock", _("Locked")
    FORBID = "forbid", _("Forbidden")


class Encoder(models.TextChoices):
    USE = "use", _("By meaning, across Thai, Japanese and English (multilingual sentence encoder, recommended)")
    HASH = "hash", _("By shared words only (fast; texts in the same language)")
    NONE = "none", _("Do not compare the descriptions")


class NotificationKind(models.TextChoices):
    PAIR_PUBLISHED = "pair_published", _("New pair proposed")
    PAIR_ACCEPTED = "pair_accepted", _("Pair accepted by both sides")
    PAIR_DECLINED = "pair_declined", _("Pair declined")
    PAIR_WITHDRAWN = "pair_withdrawn", _("Proposed pair withdrawn")


class EarlierPairs(models.TextChoices):
    """What a round does with the pairs that already exist in the programme
    (proposed, accepted or with a plan in progress in another round)."""

    COUNT = "count", _("Count them against each company's limits, and never propose them again")
    KEEP_OUT = "keep_out", _("Never propose them again, but do not count them: each round has its own limits")


class LabelKind(models.TextChoices):
    """What a labelled decision on a pair was (see models/decisions.py), with its label."""

    LOCK = "lock", _("Locked by an officer")
    FORBID = "forbid", _("Forbidden by an officer")
    SWAP_IN = "swap_in", _("Swapped in by an officer")
    SWAP_OUT = "swap_out", _("Swapped out by an officer")
    ACCEPT = "accept", _("Accepted by a company")
    DECLINE = "decline", _("Declined by a company")
    OUTCOME_GOOD = "outcome_good", _("Plan ended with results")
    OUTCOME_POOR = "outcome_poor", _("Plan ended without results")

    @classmethod
    def label_of(cls, kind: str) -> int:
        return -1 if kind in (cls.FORBID, cls.SWAP_OUT, cls.DECLINE, cls.OUTCOME_POOR) else 1


class ProductivityFigure(models.TextChoices):
    """Productivity figures that outcomes commonly report: an outcome whose figure is
    written as one of these (in any of the three languages) is shown in the reader's
    language (Outcome.productivity_label)."""

    OEE = "oee", _("Overall equipment effectiveness (OEE)")
    DEFECT_RATE = "defect_rate", _("Defect rate")
    CYCLE_TIME = "cycle_time", _("Cycle time")
    LEAD_TIME = "lead_time", _("Production lead time")
    DOWNTIME = "downtime", _("Unplanned downtime")
    ENERGY = "energy", _("Energy use per unit")
    SCRAP_RATE = "scrap_rate", _("Scrap rate")
    ON_TIME_DELIVERY = "on_time_delivery", _("On-time delivery rate")
    OUTPUT_PER_HOUR = "output_per_hour", _("Output per labour hour")
