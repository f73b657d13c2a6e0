from django.urls import path

from . import views

app_name = "knowledge"

urlpatterns = [
    path("wegwijzer/beheer/", views.manage, name="manage"),
    path("wegwijzer/beheer/nieuw/", views.entry_create, name="entry_create"),
    path("wegwijzer/beheer/<int:pk>/bewerken/", views.entry_edit, name="entry_edit"),
    path("wegwijzer/beheer/<int:pk>/nog-actueel/", views.entry_mark_checked, name="entry_mark_checked"),
    path("wegwijzer/beheer/<int:pk>/verwijderen/", views.entry_delete, name="entry_delete"),
]
