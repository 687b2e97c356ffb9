from django.apps import AppConfig


class Config(AppConfig):
    name = "zorgraad.signals"
    label = "signals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import hooks, pagekinds, route_hooks

        hooks.connect()
        pagekinds.connect()
        route_hooks.connect()
