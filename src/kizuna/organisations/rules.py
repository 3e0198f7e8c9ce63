"""Who may read, change and import organisations, declared once and used by views,
the API and templates (django-rules loads this module when the app starts).

Officers edit everything; ministry viewers read everything, contacts included, and
change nothing; a company representative edits only their own organisation.
"""

import rules

from kizuna.accounts.rules import is_ministry_viewer, is_officer, is_signed_in, represents

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
