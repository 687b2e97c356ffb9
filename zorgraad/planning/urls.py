from django.urls import path

from . import views

app_name = "planning"

urlpatterns = [
    path("beheer/actieplan/", views.plan_list, name="plan_list"),
    path("beheer/actieplan/nieuw/", views.plan_create, name="plan_create"),
    path("beheer/actieplan/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("beheer/actieplan/<int:pk>/bewerken/", views.plan_edit, name="plan_edit"),
    path("beheer/actieplan/doelstelling/<str:kind>/<int:pk>/", views.objective_edit, name="objective_edit"),
    path("beheer/actieplan/<int:pk>/hoofdstuk/", views.chapter_create, name="chapter_create"),
    path("beheer/actieplan/<int:pk>/kopieren/", views.plan_copy, name="plan_copy"),
    path("beheer/actieplan/<int:pk>/vergelijken/", views.plan_compare, name="plan_compare"),
    path("beheer/actieplan/<int:pk>/export.<str:fmt>", views.plan_export, name="plan_export"),
    path("beheer/actieplan/<int:pk>/doelstelling/", views.objective_create, name="objective_create"),
    path("beheer/actieplan/sd/<int:pk>/od/", views.operational_create, name="operational_create"),
    path("beheer/actieplan/od/<int:pk>/actie/", views.action_create, name="action_create"),
    path("beheer/actieplan/actie/<int:pk>/", views.action_detail, name="action_detail"),
    path("beheer/actieplan/actie/<int:pk>/bewerken/", views.action_edit, name="action_edit"),
    path("beheer/actieplan/actie/<int:pk>/export.<str:fmt>", views.action_export, name="action_export"),
    path("beheer/actieplan/actie/<int:pk>/partner/", views.partner_add, name="partner_add"),
    path(
        "beheer/actieplan/actie/<int:pk>/partner/<int:link>/weg/", views.partner_remove, name="partner_remove"
    ),
    path("beheer/actieplan/actie/<int:pk>/stap/", views.step_create, name="step_create"),
    path("beheer/actieplan/stap/<int:pk>/", views.step_edit, name="step_edit"),
    path("beheer/actieplan/actie/<int:pk>/procesitem/", views.process_create, name="process_create"),
    path("beheer/actieplan/procesitem/<int:pk>/", views.process_edit, name="process_edit"),
    path("beheer/actieplan/actie/<int:pk>/indicator/", views.indicator_create, name="indicator_create"),
    path("beheer/actieplan/indicator/<int:pk>/", views.indicator_edit, name="indicator_edit"),
    path("beheer/actieplan/indicator/<int:pk>/waarde/", views.value_add, name="value_add"),
]
