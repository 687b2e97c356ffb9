from django.apps import AppConfig


class Config(AppConfig):
    name = "zorgraad.planning"
    label = "planning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import hooks

        hooks.connect()
