"""docs/roles.md, written from the permissions that the apps' rules.py declare
(django-rules): for each permission, its rule and what each role may do. The
command `kizuna roles_doc` prints it; a test fails when the committed file differs,
so the page cannot drift from the rules."""

from __future__ import annotations

import re

import rules

from kizuna.accounts.enums import Role
from kizuna.accounts.models import User

# The roles the rules distinguish, in the order of the table's columns.
COLUMNS = [Role.OFFICER, Role.MINISTRY_VIEWER, Role.COMPANY_REP]
# Predicates that depend on the role alone; any other one depends on the object.
ROLE_PREDICATES = {"is_officer", "is_ministry_viewer", "is_signed_in"}

HEADER = """# Roles: who may see and do what

Generated from the permission rules (`src/kizuna/*/rules.py`) by `kizuna roles_doc >
docs/roles.md`; a test fails when this page and the rules differ. Do not edit by hand.

- **yes**: every user of the role may;
- **own**: only on objects the rule names (a company representative's own
  organisation, the pairs their organisation is in …), as the rule says;
- **no**: never.

A visitor who is not signed in may do nothing of this. A partner's contact persons
are shown only if they consented to it (purpose "matching"). Personal data, consent,
the audit log, export and erasure are described in [privacy.md](privacy.md).
"""


def _predicate_names(expression: str) -> set[str]:
    return set(re.findall(r"[a-z_][a-z0-9_]*", expression))


def roles_doc() -> str:
    """The Markdown page, one table row per permission, sorted by name."""
    lines = [HEADER, "| permission | rule | " + " | ".join(str(r.label) for r in COLUMNS) + " |",
             "| --- | --- |" + " --- |" * len(COLUMNS)]
    for name in sorted(rules.permissions.permissions):
        predicate = rules.permissions.permissions[name]
        expression = predicate.name
        depends = bool(_predicate_names(expression) - ROLE_PREDICATES)
        cells = []
        for role in COLUMNS:
            user = User(username=f"roles-doc-{role}", role=role)
            if predicate.test(user, None):
                cells.append("yes")
            else:
                cells.append("own" if depends and role == Role.COMPANY_REP else "no")
        shown = expression.replace("|", "\\|")
        lines.append(f"| `{name}` | `{shown}` | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
