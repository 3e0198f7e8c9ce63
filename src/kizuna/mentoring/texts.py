"""The free texts of Big Brother that authors can give in other languages (see
organisations/texts.py): plan updates (by their author, their side or an officer) and
each side's reason for its answer to a pair (by that side or an officer)."""

from __future__ import annotations

from kizuna.accounts.rules import is_officer
from kizuna.engine.text import detect_language
from kizuna.mentoring.enums import Side
from kizuna.organisations.texts import translatable


def _is_officer(actor) -> bool:
    return bool(is_officer(actor))


def _may_write_update(actor, update) -> bool:
    if not actor.has_perm("mentoring.change_plan", update.plan):
        return False
    pairing = update.plan.pairing
    side_org = {Side.MENTOR: pairing.mentor_id, Side.MENTEE: pairing.mentee_id}.get(update.side)
    return _is_officer(actor) or update.author_id == actor.pk or (side_org is not None and actor.organisation_id == side_org)


def _may_write_reason(side: str):
    def may_write(actor, pairing) -> bool:
        org = pairing.mentor_id if side == Side.MENTOR else pairing.mentee_id
        return _is_officer(actor) or (getattr(actor, "organisation_id", None) == org
                                      and actor.has_perm("mentoring.view_pairing", pairing))
    return may_write


def register_mentoring_texts() -> None:
    from kizuna.mentoring.models import Pairing, PlanUpdate

    translatable(PlanUpdate, "text", may_write=_may_write_update,
                 may_read=lambda reader, update: reader.has_perm("mentoring.view_plan", update.plan),
                 language_of=lambda update: detect_language(update.text, "") if update.text else "")
    for side in (Side.MENTOR, Side.MENTEE):
        field = f"{side}_reason"
        translatable(Pairing, field, may_write=_may_write_reason(side),
                     may_read=lambda reader, pairing: reader.has_perm("mentoring.view_pairing", pairing),
                     language_of=lambda pairing, field=field: detect_language(getattr(pairing, field), "")
                     if getattr(pairing, field) else "")
