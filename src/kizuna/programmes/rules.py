"""Who may read and change programmes (django-rules loads this module when the app
starts): every signed-in user reads them, officers change them."""

import rules

from kizuna.accounts.rules import is_officer, is_signed_in

rules.add_perm("programmes.view_programme", is_signed_in)
rules.add_perm("programmes.change_programme", is_officer)
