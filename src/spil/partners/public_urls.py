from django.urls import path

from . import public_views

app_name = "partners_public"

urlpatterns = [
    path("aanmelden/<slug:network>/", public_views.apply, name="apply"),
    path("aanmelden/<slug:network>/bedankt/", public_views.apply_thanks, name="apply_thanks"),
]
