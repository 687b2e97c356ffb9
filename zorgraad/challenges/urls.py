from django.urls import path

from . import views

app_name = "challenges"

urlpatterns = [
    path("beheer/uitdagingen/", views.challenge_list, name="list"),
    path("beheer/uitdagingen/nieuw/", views.challenge_create, name="create"),
    path("beheer/uitdagingen/<int:pk>/", views.challenge_detail, name="detail"),
    path("beheer/uitdagingen/<int:pk>/bewerken/", views.challenge_edit, name="edit"),
    path("uitdagingen/", views.public_list, name="public_list"),
    path("uitdagingen/<int:pk>/", views.public_detail, name="public_detail"),
]
