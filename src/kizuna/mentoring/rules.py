"""Who may do what with Big Brother rounds and pairs (declared once; views, the API
and templates use the same permissions). The plans' predicates live in
rules_plans.py."""

from __future__ import annotations

import rules

from kizuna.accounts.enums import Role
from kizuna.accounts.rules import is_ministry_viewer, is_officer


@rules.predicate
def is_party(user, pairing) -> bool:
    """The user represents the mentor or the mentee of the pair."""
    return bool(
        pairing is not None
        and user.is_authenticated
        and user.role == Role.COMPANY_REP
        and user.organisation_id is not None
        and user.organisation_id in (pairing.mentor_id, pairing.mentee_id)
    )


@rules.predicate
def both_accepted(user, pairing) -> bool:
    return bool(pairing is not None and pairing.contacts_visible)


@rules.predicate
def own_side_pending(user, pairing) -> bool:
    from kizuna.mentoring.enums import PairingStatus, Response

    if pairing is None or pairing.status != PairingStatus.PUBLISHED:
        return False
    side = pairing.side_of(user.organisation_id)
    return side is not None and pairing.response_of(side) == Response.PENDING


# The one predicate that guards a partner's contact details (page and API).
can_see_partner_contacts = is_officer | is_ministry_viewer | (is_party & both_accepted)

rules.add_perm("mentoring.view_round", is_officer | is_ministry_viewer)
rules.add_perm("mentoring.manage_round", is_officer)
rules.add_perm("mentoring.view_pairing", is_officer | is_ministry_viewer | is_party)
rules.add_perm("mentoring.respond_pairing", is_party & own_side_pending)
rules.add_perm("mentoring.view_partner_contacts", can_see_partner_contacts)
