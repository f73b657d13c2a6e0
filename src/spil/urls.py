from django.contrib import admin
from django.urls import include, path

from spil.activities import table_views
from spil.activities import views as activity_views
from spil.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("ping/", core_views.ping, name="ping"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("spil.partners.public_urls")),
    path("agenda/<str:token>.ics", activity_views.calendar_feed, name="calendar_feed"),
    path("praktijktafel/<str:token>/", table_views.results_public, name="table_results_public"),
    path("", include("spil.communication.public_urls")),
    path("", include("spil.knowledge.public_urls")),
    path("", include("spil.desk.public_urls")),
    path("n/<slug:network>/", include("spil.dashboards.urls")),
    path("n/<slug:network>/", include("spil.networks.urls")),
    path("n/<slug:network>/", include("spil.partners.urls")),
    path("n/<slug:network>/", include("spil.activities.urls")),
    path("n/<slug:network>/", include("spil.communication.urls")),
    path("n/<slug:network>/", include("spil.matching.urls")),
    path("n/<slug:network>/", include("spil.desk.urls")),
    path("n/<slug:network>/", include("spil.outreach.urls")),
    path("n/<slug:network>/", include("spil.knowledge.urls")),
]
