from django.urls import path

from . import views

app_name = "networks"

urlpatterns = [
    path("instellingen/", views.network_edit, name="edit"),
    path("organen/", views.body_list, name="bodies"),
    path("organen/<int:pk>/", views.body_edit, name="body_edit"),
    path("zetels/<int:pk>/verwijderen/", views.seat_remove, name="seat_remove"),
    path("stakeholders/", views.stakeholder_list, name="stakeholders"),
    path("stakeholders/nieuw/", views.stakeholder_create, name="stakeholder_create"),
    path("samenwerkingen/nieuw/", views.cooperation_create, name="cooperation_create"),
]
