from django.urls import path

from . import public_views

app_name = "knowledge_public"

urlpatterns = [
    path("wegwijzer/<slug:network>/", public_views.signpost, name="signpost"),
    path("wegwijzer/<slug:network>/<int:pk>/", public_views.signpost_detail, name="signpost_detail"),
]
