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


# ------------------------------------------------------------- personal data
@rules.predicate
def is_self(user, subject) -> bool:
    """`subject` (a user or a contact person) is the user themselves."""
    return bool(user and user.is_authenticated and subject is not None
                and subject.__class__ is user.__class__ and subject.pk == user.pk)


# A person's data: officers for anyone (contact persons have no account), a user for themselves.
rules.add_perm("accounts.export_personal_data", is_officer | is_self)
rules.add_perm("accounts.request_erasure", is_officer | is_self)
# Approving or refusing: officers (the domain refuses the officer who filed the request).
rules.add_perm("accounts.decide_erasure", is_officer)
rules.add_perm("accounts.list_erasure_requests", is_officer)
