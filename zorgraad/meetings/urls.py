from django.urls import path

from .views import feeds, manage_minutes, manage_schedule, public

app_name = "meetings"

urlpatterns = [
    # Planning, agenda and invitation (staff and the body's secretary)
    path("beheer/overleg/<slug:body>/planning/<int:year>/", manage_schedule.schedule, name="schedule"),
    path(
        "beheer/overleg/<slug:body>/vergaderingen/nieuw/",
        manage_schedule.meeting_create,
        name="meeting_create",
    ),
    path("beheer/vergaderingen/<int:pk>/", manage_schedule.meeting_detail, name="meeting_detail"),
    path("beheer/vergaderingen/<int:pk>/bewerken/", manage_schedule.meeting_edit, name="meeting_edit"),
    path(
        "beheer/vergaderingen/<int:pk>/status/", manage_schedule.meeting_transition, name="meeting_transition"
    ),
    path("beheer/vergaderingen/<int:pk>/agenda/", manage_schedule.agenda, name="agenda"),
    path("beheer/agendapunten/<int:pk>/bewerken/", manage_schedule.agenda_item_edit, name="agenda_item_edit"),
    path(
        "beheer/agendapunten/<int:pk>/verplaatsen/", manage_schedule.agenda_item_move, name="agenda_item_move"
    ),
    path(
        "beheer/agendapunten/<int:pk>/verwijderen/",
        manage_schedule.agenda_item_delete,
        name="agenda_item_delete",
    ),
    path("beheer/vergaderingen/<int:pk>/uitnodigen/", manage_schedule.invite, name="invite"),
    # During and after (staff and the body's secretary)
    path("beheer/vergaderingen/<int:pk>/aanwezigheden/", manage_minutes.attendance, name="attendance"),
    path("beheer/vergaderingen/<int:pk>/gasten/nieuw/", manage_minutes.guest_add, name="guest_add"),
    path("beheer/vergaderingen/<int:pk>/verslag/", manage_minutes.minutes, name="minutes"),
    path("beheer/opvolgpunten/<int:pk>/afgewerkt/", manage_minutes.followup_done, name="followup_done"),
    path("beheer/opvolgpunten/<int:pk>/wijzigen/", manage_minutes.followup_edit, name="followup_edit"),
    path("beheer/opvolgpunten/<int:pk>/verwijderen/", manage_minutes.followup_delete, name="followup_delete"),
    path("beheer/beslissingen/<int:pk>/wijzigen/", manage_minutes.decision_edit, name="decision_edit"),
    path("beheer/beslissingen/<int:pk>/verwijderen/", manage_minutes.decision_delete, name="decision_delete"),
    path("beheer/rondje/<int:pk>/wijzigen/", manage_minutes.partner_round_edit, name="partner_round_edit"),
    path(
        "beheer/rondje/<int:pk>/verwijderen/",
        manage_minutes.partner_round_delete,
        name="partner_round_delete",
    ),
    path("beheer/vergaderingen/<int:pk>/goedkeuren/", manage_minutes.minutes_approve, name="minutes_approve"),
    path("beheer/vergaderingen/<int:pk>/publiceren/", manage_minutes.minutes_publish, name="minutes_publish"),
    path(
        "beheer/vergaderingen/<int:pk>/verslag.<str:fmt>",
        manage_minutes.minutes_export,
        name="minutes_export",
    ),
    # Feeds
    path("agenda.ics", feeds.zone_ics, name="zone_ics"),
    path("overleg/<slug:body>/agenda.ics", feeds.body_ics, name="body_ics"),
    path("overleg/<slug:body>/<int:pk>/vergadering.ics", feeds.meeting_ics, name="meeting_ics"),
    # Public pages
    path("overleg/", public.body_index, name="body_index"),
    path("overleg/verslagen/", public.minutes_search, name="minutes_search"),
    path("overleg/antwoord/<str:token>/", public.rsvp, name="rsvp"),
    path("overleg/<slug:body>/", public.body_public, name="body_public"),
    path("overleg/<slug:body>/<int:pk>/", public.meeting_public, name="meeting_public"),
    path("overleg/<slug:body>/<int:pk>/antwoord/", public.meeting_reply, name="meeting_reply"),
]
