from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    name = "kizuna.common"
    label = "common"
    verbose_name = _("Shared records")

    def ready(self):
        from django_tasks.signals import task_enqueued, task_finished, task_started

        from kizuna.common import observability

        task_enqueued.connect(observability.on_task_enqueued, dispatch_uid="kizuna-task-origin")
        task_started.connect(observability.on_task_started, dispatch_uid="kizuna-task-started")
        task_finished.connect(observability.on_task_finished, dispatch_uid="kizuna-task-finished")
