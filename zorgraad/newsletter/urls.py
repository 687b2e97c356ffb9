from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    # public
    path("nieuwsbrief/", views.subscribe, name="subscribe"),
    path("nieuwsbrief/bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("nieuwsbrief/uitschrijven/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("nieuwsbrief/k/<str:token>/", views.click, name="click"),
    path("nieuwsbrief/archief/", views.archive, name="archive"),
    path("nieuwsbrief/archief/<int:pk>/", views.archive_detail, name="archive_detail"),
    # staff
    path("beheer/nieuwsbrief/", views.editions, name="editions"),
    path("beheer/nieuwsbrief/nieuw/", views.edition_new, name="edition_new"),
    path("beheer/nieuwsbrief/abonnees/", views.subscribers, name="subscribers"),
    path("beheer/nieuwsbrief/<int:pk>/", views.edition_detail, name="edition_detail"),
    path("beheer/nieuwsbrief/<int:pk>/bewerken/", views.edition_edit, name="edition_edit"),
    path("beheer/nieuwsbrief/<int:pk>/voorbeeld/", views.edition_preview, name="edition_preview"),
    path("beheer/nieuwsbrief/<int:pk>/voortgang/", views.edition_progress, name="edition_progress"),
    path("beheer/nieuwsbrief/<int:pk>/blok/nieuw/", views.block_add, name="block_add"),
    path("beheer/nieuwsbrief/<int:pk>/testmail/", views.edition_test, name="edition_test"),
    path("beheer/nieuwsbrief/<int:pk>/versturen/", views.edition_send, name="edition_send"),
    path("beheer/nieuwsbrief/blok/<int:pk>/", views.block_edit, name="block_edit"),
    path("beheer/nieuwsbrief/blok/<int:pk>/verwijderen/", views.block_delete, name="block_delete"),
]
