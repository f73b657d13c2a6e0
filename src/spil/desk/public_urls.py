from django.urls import path

from . import views

app_name = "desk_public"

urlpatterns = [
    path("loket/status/<str:token>/", views.request_status, name="status"),
    path("loket/<slug:network>/", views.request_public, name="request"),
    path("loket/<slug:network>/bedankt/", views.request_thanks, name="thanks"),
]
