"""Who may read the audit log: officers (and administrators), who answer for the
programme's personal data. Ministry viewers and companies may not."""

import rules

from kizuna.accounts.rules import is_officer

rules.add_perm("audit.view_log", is_officer)
