from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from spil.accounts.models import Membership
from spil.core.permissions import login_view, public_view


@require_GET
@login_view
def home(request):
    memberships = list(Membership.objects.filter(user=request.user).select_related("network").order_by("network__name"))
    if len(memberships) == 1:
        return redirect(memberships[0].network)
    return TemplateResponse(request, "core/home.html", {"memberships": memberships})


@require_GET
@public_view
def ping(request):
    """The trivial view the benchmarks measure every page against."""
    return HttpResponse("ok", content_type="text/plain")
