from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "kizuna.audit"
    label = "audit"

    def ready(self) -> None:
        from kizuna.audit import context, registry

        registry.audit_register()
        context.connect()
