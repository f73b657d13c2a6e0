"""Spil's URLs plus the trivial view the benchmark measures every page against.

The trivial view is the emptiest page a member can get: the same middleware, session,
login and membership check and the site layout, with no content of its own.
"""

from django.template.response import TemplateResponse
from django.urls import include, path

from spil.core.permissions import Action, network_view


@network_view(Action.VIEW_DASHBOARD)
def empty_page(request):
    return TemplateResponse(request, "base.html", {})


urlpatterns = [
    path("bench/n/<slug:network>/leeg/", empty_page),
    path("", include("spil.urls")),
]
