"""Zone pages shared by every area: the search pickers' endpoints."""

from django.urls import path

from . import pickers

app_name = "core"

urlpatterns = [
    path("beheer/kiezer/personen/", pickers.person_picker, name="person_picker"),
    path("beheer/kiezer/organisaties/", pickers.organisation_picker, name="organisation_picker"),
]
