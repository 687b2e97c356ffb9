from django.urls import path

from .views import manage, public

app_name = "governance"

urlpatterns = [
    # Staff and secretaries
    path("beheer/overleg/", manage.body_list, name="body_list"),
    path("beheer/overleg/nieuw/", manage.body_create, name="body_create"),
    path("beheer/overleg/<slug:body>/", manage.body_detail, name="body_detail"),
    path("beheer/overleg/<slug:body>/bewerken/", manage.body_edit, name="body_edit"),
    path("beheer/overleg/<slug:body>/leden/nieuw/", manage.membership_add, name="membership_add"),
    path("beheer/overleg/<slug:body>/vaste-agendapunten/", manage.fixed_items, name="fixed_items"),
    path(
        "beheer/overleg/<slug:body>/mandaten/nieuw/", manage.mandate_call_create, name="mandate_call_create"
    ),
    path("beheer/lidmaatschappen/<int:pk>/beeindigen/", manage.membership_end, name="membership_end"),
    path("beheer/mandaten/<int:pk>/", manage.mandate_call_detail, name="mandate_call_detail"),
    path("beheer/mandaten/<int:pk>/kandidaat/", manage.candidacy_add, name="candidacy_add"),
    path("beheer/mandaten/<int:pk>/beslissen/", manage.mandate_call_decide, name="mandate_call_decide"),
    # Members: their own bodies
    path("mijn-overleg/", public.my_bodies, name="my_bodies"),
    # Public: subscribe to the agenda of an open body
    path("overleg/<slug:body>/inschrijven/", public.body_subscribe, name="body_subscribe"),
    path("overleg/<slug:body>/inschrijven/<str:token>/", public.subscribe_confirm, name="subscribe_confirm"),
    path("overleg/<slug:body>/uitschrijven/<str:token>/", public.unsubscribe, name="unsubscribe"),
]
