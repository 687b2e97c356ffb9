from django.apps import AppConfig


class Config(AppConfig):
    name = "zorgraad.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
