"""The task queue: django-tasks-db's backend, enqueuing in one transaction with the
task_enqueued handlers (common/observability.py writes the request id there), so
that no worker can take a task before its trail to the request exists."""

from __future__ import annotations

from django.db import router, transaction
from django_tasks_db import DatabaseBackend as _DatabaseBackend


class DatabaseBackend(_DatabaseBackend):
    def enqueue(self, task, args, kwargs):
        from django_tasks_db.models import DBTaskResult

        with transaction.atomic(using=router.db_for_write(DBTaskResult)):
            return super().enqueue(task, args, kwargs)
