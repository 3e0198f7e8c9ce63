"""The roles as predicates, which each app composes into its own permissions in
its own rules.py (organisations/rules.py, programmes/rules.py, mentoring/rules.py).

Officers run programmes and edit everything; ministry viewers read everything and
change nothing; a company representative acts for their own organisation.
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
    """The user is a company representative of `organisation`."""
    return bool(
        organisation is not None
        and user.is_authenticated
        and user.role == Role.COMPANY_REP
        and user.organisation_id == organisation.pk
    )


# The site package is not an app with a rules.py of its own; its one permission
# belongs to the roles.
rules.add_perm("site.use_admin", is_officer)
