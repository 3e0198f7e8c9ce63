from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "kizuna.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from kizuna.organisations.texts import register_organisation_texts

        register_organisation_texts()
