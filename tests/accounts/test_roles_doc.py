from io import StringIO
from pathlib import Path

from django.core.management import call_command

ROLES_MD = Path(__file__).resolve().parents[2] / "docs" / "roles.md"


def test_committed_roles_page_matches_the_rules():
    out = StringIO()
    call_command("roles_doc", stdout=out)
    assert out.getvalue() == ROLES_MD.read_text(encoding="utf-8"), (
        "docs/roles.md is stale: run `kizuna roles_doc > docs/roles.md`"
    )


def test_roles_page_says_ministry_viewers_read_contacts_and_companies_only_their_own():
    out = StringIO()
    call_command("roles_doc", stdout=out)
    row = next(line for line in out.getvalue().splitlines() if line.startswith("| `organisations.view_contacts`"))
    assert row.endswith("| yes | yes | own |")
