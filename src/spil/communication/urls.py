from django.urls import path

from . import views

app_name = "communication"

urlpatterns = [
    path("mailings/", views.mailing_list, name="list"),
    path("mailings/nieuw/", views.mailing_create, name="create"),
    path("mailings/<int:pk>/", views.mailing_detail, name="detail"),
    path("mailings/<int:pk>/bewerken/", views.mailing_edit, name="edit"),
    path("mailings/<int:pk>/voortgang/", views.mailing_progress, name="progress"),
    path("mailings/<int:pk>/versturen/", views.mailing_send, name="send"),
    path("mailings/<int:pk>/stoppen/", views.mailing_stop, name="stop"),
    path("mailings/<int:pk>/kopie/", views.mailing_copy, name="copy"),
    path("mailings/<int:pk>/verwijderen/", views.mailing_delete, name="delete"),
]
