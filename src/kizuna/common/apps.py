from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "kizuna.common"
    label = "common"
