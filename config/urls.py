from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from zorgraad.accounts.views import home_redirect
from zorgraad.core.urls import indexed_path
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
    # Every zone's pages, indexed by their first segment (core/urls.py): /amalo/agenda/ tries the
    # few patterns under agenda/, not the ~150 of a linear walk; same matches, same reverse().
    indexed_path(
        "<slug:zone>/",
        [
            # first: the staff home (`beheer/`) and the zone's home match exactly, no other pattern
            # can; last, /amalo/beheer/ walked the 344 patterns of every app's beheer/ pages
            include("zorgraad.zones.urls"),
            include("zorgraad.accounts.urls"),
            include("zorgraad.network.urls"),
            include("zorgraad.governance.urls"),
            include("zorgraad.meetings.urls"),
            include("zorgraad.challenges.urls"),
            include("zorgraad.signals.urls"),
            include("zorgraad.planning.urls"),
            include("zorgraad.events.urls"),
            include("zorgraad.newsletter.urls"),
            include("zorgraad.importer.urls"),
        ],
    ),
]
