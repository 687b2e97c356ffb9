from django.urls import path

from . import views

app_name = "importer"

urlpatterns = [
    path("beheer/import/", views.upload, name="upload"),
    path("beheer/import/<int:pk>/", views.preview, name="preview"),
    path("beheer/import/<int:pk>/kolommen/", views.mapping, name="mapping"),
    path("beheer/import/<int:pk>/origineel/", views.original, name="original"),
]
