"""Who may see and change technology-transfer plans and CLMV links.

Only the representatives of the pair's two organisations and officers see and edit
a plan; ministry viewers read every plan and change nothing. Imported at the bottom
of mentoring/rules.py (and by the plan modules, so the permissions exist wherever
plans are used).
"""

from __future__ import annotations

import rules

from kizuna.accounts.enums import Role
from kizuna.accounts.rules import is_ministry_viewer, is_officer, is_signed_in


def _plan_orgs(plan) -> tuple[int, int]:
    pairing = plan.pairing
    return pairing.mentor_id, pairing.mentee_id


@rules.predicate
def is_plan_party(user, plan) -> bool:
    """A representative of the mentor's or the mentee's organisation of `plan`."""
    return bool(
        plan is not None
        and user is not None
        and user.is_authenticated
        and user.role == Role.COMPANY_REP
        and user.organisation_id is not None
        and user.organisation_id in _plan_orgs(plan)
    )


@rules.predicate
def is_plan_mentor_side(user, plan) -> bool:
    return bool(is_plan_party(user, plan) and user.organisation_id == plan.pairing.mentor_id)


def _add(name: str, predicate) -> None:
    if not rules.perm_exists(name):
        rules.add_perm(name, predicate)


_add("mentoring.view_plan", is_officer | is_ministry_viewer | is_plan_party)
_add("mentoring.change_plan", is_officer | is_plan_party)
_add("mentoring.view_overdue", is_officer | is_ministry_viewer)
_add("mentoring.view_programme", is_signed_in)
_add("mentoring.add_clmvlink", is_officer)
_add("mentoring.view_clmvlink", is_signed_in)
