from django.urls import path

from . import views
from .views import ambassadors, intake, routes

app_name = "signals"

urlpatterns = [
    # public
    path("signalen/", views.public_list, name="public_list"),
    path("signalen/nieuw/", views.public_create, name="public_create"),
    path("signalen/nieuw/bedankt/<str:token>/", views.public_done, name="public_done"),
    path("signalen/afmelden/<str:token>/", views.unfollow, name="unfollow"),
    # partners
    path("signalen/melden/", views.partner_create, name="partner_create"),
    # staff
    path("beheer/signalen/", views.triage, name="triage"),
    path("beheer/signalen/export.<str:fmt>", views.export, name="export"),
    path("beheer/signalen/overzicht/", views.dashboard, name="dashboard"),
    path("beheer/signalen/nieuw/", intake.staff_create, name="staff_create"),
    path("beheer/signalen/ambassadeurs/", ambassadors.ambassador_list, name="ambassador_list"),
    path("beheer/signalen/ambassadeurs/nieuw/", ambassadors.ambassador_create, name="ambassador_create"),
    path(
        "beheer/signalen/ambassadeurs/<int:pk>/bewerken/",
        ambassadors.ambassador_edit,
        name="ambassador_edit",
    ),
    path(
        "beheer/signalen/ambassadeurs/<int:pk>/beeindigen/",
        ambassadors.ambassador_end,
        name="ambassador_end",
    ),
    path("beheer/signalen/route/", routes.route, name="route"),
    path("beheer/signalen/route/<int:pk>/verplaatsen/", routes.route_step_move, name="route_step_move"),
    path("beheer/signalen/route/<int:pk>/verwijderen/", routes.route_step_remove, name="route_step_remove"),
    path("beheer/signalen/route/overleg/<slug:body>/", routes.body_queue, name="route_body"),
    path(
        "beheer/signalen/route/voorlegging/<int:pk>/agenderen/",
        routes.schedule,
        name="route_schedule",
    ),
    path("beheer/signalen/cluster/<slug:cluster>/", views.cluster_list, name="cluster_list"),
    path("beheer/signalen/overleg/<slug:body>/", views.body_endorsements, name="body_endorsements"),
    path(
        "beheer/signalen/vanuit-vergadering/<int:meeting>/",
        views.register_from_meeting,
        name="register_from_meeting",
    ),
    path("beheer/signalen/<int:pk>/", views.detail, name="detail"),
    path("beheer/signalen/<int:pk>/bewerken/", views.edit, name="edit"),
    path("beheer/signalen/<int:pk>/status/", views.transition, name="transition"),
    path("beheer/signalen/<int:pk>/agenderen/", views.to_meeting, name="to_meeting"),
    path("beheer/signalen/<int:pk>/achter-staan/", views.endorse, name="endorse"),
    path("beheer/signalen/<int:pk>/samenvoegen/", views.merge, name="merge"),
    path("beheer/signalen/<int:pk>/voorleggen/", routes.forward, name="route_forward"),
]
