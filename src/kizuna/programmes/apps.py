from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "kizuna.programmes"
    label = "programmes"
