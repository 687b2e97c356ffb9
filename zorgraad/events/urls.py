from django.urls import path

from .views import manage, public

app_name = "events"

urlpatterns = [
    # public: the agenda, an event with its registration form, the personal links, feeds, brochure
    path("agenda/", public.agenda, name="agenda"),
    path("agenda/activiteiten.ics", public.agenda_ics, name="agenda_ics"),
    path("agenda/programma.pdf", public.agenda_pdf, name="agenda_pdf"),
    path("activiteiten/<int:pk>/", public.event_public, name="event_public"),
    path("activiteiten/<int:pk>/activiteit.ics", public.event_ics, name="event_ics"),
    path("activiteiten/inschrijving/<str:token>/", public.registration_manage, name="registration_manage"),
    path("activiteiten/evaluatie/<str:token>/", public.evaluation, name="evaluation"),
    # partners propose their events
    path("mijn-activiteiten/", manage.my_events, name="my_events"),
    path("mijn-activiteiten/voorstellen/", manage.event_propose, name="event_propose"),
    # staff
    path("beheer/activiteiten/", manage.event_list, name="event_list"),
    path("beheer/activiteiten/nieuw/", manage.event_create, name="event_create"),
    path("beheer/activiteiten/op-datum/", manage.same_day, name="same_day"),
    path("beheer/activiteiten/<int:pk>/", manage.event_detail, name="event_detail"),
    path("beheer/activiteiten/<int:pk>/bewerken/", manage.event_edit, name="event_edit"),
    path("beheer/activiteiten/<int:pk>/onderdelen/", manage.event_part_add, name="event_part_add"),
    path("beheer/activiteiten/<int:pk>/beslissen/", manage.event_decide, name="event_decide"),
    path("beheer/activiteiten/<int:pk>/annuleren/", manage.event_cancel, name="event_cancel"),
    path(
        "beheer/activiteiten/<int:pk>/inschrijving-annuleren/",
        manage.registration_cancel,
        name="registration_cancel",
    ),
    path("beheer/activiteiten/<int:pk>/aanmelden/", manage.check_in, name="check_in"),
    path("beheer/activiteiten/<int:pk>/ter-plaatse/", manage.walk_in, name="walk_in"),
    path("beheer/activiteiten/<int:pk>/afsluiten/", manage.attendance_close, name="attendance_close"),
    path(
        "beheer/activiteiten/<int:pk>/aanwezigheden.xlsx", manage.attendance_export, name="attendance_export"
    ),
    path(
        "beheer/activiteiten/<int:pk>/aanwezigheidslijst/", manage.attendance_print, name="attendance_print"
    ),
    path("beheer/activiteiten/<int:pk>/evaluatie/", manage.evaluation_summary, name="evaluation_summary"),
    path("beheer/activiteiten/<int:pk>/promotie/", manage.promotion, name="promotion"),
]
