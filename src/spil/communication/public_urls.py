from django.urls import path

from . import views

app_name = "communication_public"

urlpatterns = [
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
