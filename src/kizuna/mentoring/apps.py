from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "kizuna.mentoring"
    label = "mentoring"
