from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from spil.core.permissions import Action, network_view
from spil.partners import selectors as partner_selectors


@require_GET
@network_view(Action.VIEW_DASHBOARD)
def network_dashboard(request):
    overview = partner_selectors.network_overview(request.network)
    return TemplateResponse(request, "dashboards/network.html", {"overview": overview})
