from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from zorgraad.accounts.views import home_redirect
from zorgraad.core.views import healthz, switch_language
from zorgraad.zones import views as zone_views

from .api import api

admin.site.site_header = "Zorgraad – platformbeheer"

urlpatterns = [
    path("", zone_views.zone_list, name="zone_list"),
    path("healthz/", healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("taal/", switch_language, name="switch_language"),
    path("accounts/", include("allauth.urls")),
    path("start/", home_redirect, name="home_redirect"),
    path("platform/admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("<slug:zone>/", include("zorgraad.accounts.urls")),
    path("<slug:zone>/", include("zorgraad.network.urls")),
    path("<slug:zone>/", include("zorgraad.governance.urls")),
    path("<slug:zone>/", include("zorgraad.meetings.urls")),
    path("<slug:zone>/", include("zorgraad.challenges.urls")),
    path("<slug:zone>/", include("zorgraad.signals.urls")),
    path("<slug:zone>/", include("zorgraad.planning.urls")),
    path("<slug:zone>/", include("zorgraad.events.urls")),
    path("<slug:zone>/", include("zorgraad.newsletter.urls")),
    path("<slug:zone>/", include("zorgraad.importer.urls")),
    path("<slug:zone>/", include("zorgraad.zones.urls")),
]
