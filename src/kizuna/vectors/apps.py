from django.apps import AppConfig


class VectorsConfig(AppConfig):
    name = "kizuna.vectors"
    label = "vectors"
