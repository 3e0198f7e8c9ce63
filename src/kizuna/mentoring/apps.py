from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentoringConfig(AppConfig):
    name = "kizuna.mentoring"
    label = "mentoring"
    verbose_name = _("Big Brother mentoring")

    def ready(self):
        from kizuna.mentoring.texts import register_mentoring_texts

        register_mentoring_texts()
