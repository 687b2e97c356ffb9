from django.apps import AppConfig


class Config(AppConfig):
    name = "zorgraad.network"
    label = "network"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from . import hooks, receivers

        receivers.connect()
        hooks.connect()
        post_migrate.connect(receivers.after_migrate, sender=self, dispatch_uid="search-after-migrate")
