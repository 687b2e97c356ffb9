from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("beheer/personen/<int:pk>/toegang/", views.person_access, name="person_access"),
]
