"""Who may do what, declared once and used by views, the API and templates.

Officers run programmes and edit everything; ministry viewers read everything and
change nothing; a company representative edits only their own organisation.
"""

import rules

from kizuna.accounts.enums import OFFICER_ROLES, Role


@rules.predicate
def is_officer(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or user.role in OFFICER_ROLES))


@rules.predicate
def is_ministry_viewer(user) -> bool:
    return bool(user and user.is_authenticated and user.role == Role.MINISTRY_VIEWER)


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


@rules.predicate
def represents(user, organisation) -> bool:
    return bool(
        organisation is not None
        and user.is_authenticated
        and user.role == Role.COMPANY_REP
        and user.organisation_id == organisation.pk
    )


rules.add_perm("organisations.view_organisation", is_signed_in)
rules.add_perm("organisations.add_organisation", is_officer)
rules.add_perm("organisations.change_organisation", is_officer | represents)
rules.add_perm("organisations.delete_organisation", is_officer)
rules.add_perm("organisations.import_organisations", is_officer)
rules.add_perm("organisations.view_contacts", is_officer | is_ministry_viewer | represents)
# The whole directory as a file, and registration numbers, only for the roles that
# need them; a representative sees their own organisation's number.
rules.add_perm("organisations.export_organisations", is_officer | is_ministry_viewer)
rules.add_perm("organisations.view_registration_number", is_officer | is_ministry_viewer | represents)
rules.add_perm("programmes.view_programme", is_signed_in)
rules.add_perm("programmes.change_programme", is_officer)
rules.add_perm("site.use_admin", is_officer)
