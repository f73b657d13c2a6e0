from django.urls import path

from . import exchange_views, views

app_name = "desk"

urlpatterns = [
    path("loket/", views.request_list, name="list"),
    path("loket/nieuw/", views.request_create, name="create"),
    path("loket/rooster/", views.roster, name="roster"),
    path("loket/rapport/", views.report, name="report"),
    path("loket/<int:pk>/", views.request_detail, name="detail"),
    path("loket/<int:pk>/intake/", views.request_intake, name="intake"),
    path("loket/<int:pk>/doorverwijzen/", views.request_refer, name="refer"),
    path("loket/<int:pk>/bevestigen/", views.request_confirm, name="confirm"),
    path("loket/<int:pk>/afsluiten/", views.request_close, name="close"),
    path("uitwisseling/", exchange_views.exchange_list, name="exchange"),
    path("uitwisseling/nieuw/", exchange_views.offer_create, name="offer_create"),
    path("uitwisseling/<int:pk>/sluiten/", exchange_views.offer_close, name="offer_close"),
    path("uitwisseling/koppeling/<int:pk>/accepteren/", exchange_views.match_accept, name="match_accept"),
    path("uitwisseling/koppeling/<int:pk>/afwijzen/", exchange_views.match_decline, name="match_decline"),
    path("uitwisseling/koppeling/<int:pk>/opvolgen/", exchange_views.match_follow_up, name="match_follow_up"),
]
