from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("beheer/personen/<int:pk>/toegang/", views.person_access, name="person_access"),
    path("toegang/uitnodiging/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
