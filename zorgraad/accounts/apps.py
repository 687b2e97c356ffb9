from django.apps import AppConfig


class Config(AppConfig):
    name = "zorgraad.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import hooks

        hooks.connect()
        from allauth.mfa.signals import authenticator_added

        from .middleware import record_totp_activation

        authenticator_added.connect(record_totp_activation, dispatch_uid="zorgraad-totp-activation")
