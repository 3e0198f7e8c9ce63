from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "kizuna.organisations"
    label = "organisations"
