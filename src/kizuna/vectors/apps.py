from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VectorsConfig(AppConfig):
    name = "kizuna.vectors"
    label = "vectors"
    verbose_name = _("Text vectors")
