"""Who may do what in Big Brother: rounds, runs, pairs, plans and CLMV links.

Declared once (django-rules, loaded by rules' autodiscovery at start-up); pages
check them with `permission_required`, the API with `RulesPermission`, templates
with `has_perm`. Only the representatives of a pair's two organisations and
officers see and edit its plan; ministry viewers read everything and change
nothing.
"""

from __future__ import annotations

import rules

from kizuna.accounts.enums import Role
from kizuna.accounts.rules import is_ministry_viewer, is_officer, is_signed_in
from kizuna.mentoring.enums import PairingStatus, Response


def _represents_one_of(user, organisation_ids) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.role == Role.COMPANY_REP
        and user.organisation_id is not None
        and user.organisation_id in organisation_ids
    )


@rules.predicate
def is_party(user, pairing) -> bool:
    """The user represents the mentor or the mentee of the pair."""
    return pairing is not None and _represents_one_of(user, (pairing.mentor_id, pairing.mentee_id))


@rules.predicate
def both_accepted(user, pairing) -> bool:
    return bool(pairing is not None and pairing.contacts_visible)


@rules.predicate
def own_side_pending(user, pairing) -> bool:
    if pairing is None or pairing.status != PairingStatus.PUBLISHED:
        return False
    side = pairing.side_of(user.organisation_id)
    return side is not None and pairing.response_of(side) == Response.PENDING


@rules.predicate
def is_plan_party(user, plan) -> bool:
    """A representative of the mentor's or the mentee's organisation of `plan`."""
    return plan is not None and _represents_one_of(user, (plan.pairing.mentor_id, plan.pairing.mentee_id))


# The one predicate that guards a partner's contact details (page and API).
can_see_partner_contacts = is_officer | is_ministry_viewer | (is_party & both_accepted)

# rounds and runs
rules.add_perm("mentoring.view_round", is_officer | is_ministry_viewer)
rules.add_perm("mentoring.manage_round", is_officer)
# pairs: the lists show each user only the pairs they may see
rules.add_perm("mentoring.list_pairings", is_signed_in)
rules.add_perm("mentoring.view_pairing", is_officer | is_ministry_viewer | is_party)
rules.add_perm("mentoring.respond_pairing", is_party & own_side_pending)
rules.add_perm("mentoring.view_partner_contacts", can_see_partner_contacts)
rules.add_perm("mentoring.view_notifications", is_signed_in)
# plans: the list shows each user only the plans they may see
rules.add_perm("mentoring.list_plans", is_signed_in)
rules.add_perm("mentoring.view_plan", is_officer | is_ministry_viewer | is_plan_party)
rules.add_perm("mentoring.change_plan", is_officer | is_plan_party)
rules.add_perm("mentoring.view_overdue", is_officer | is_ministry_viewer)
rules.add_perm("mentoring.view_programme", is_signed_in)
rules.add_perm("mentoring.add_clmvlink", is_officer)
rules.add_perm("mentoring.view_clmvlink", is_signed_in)
