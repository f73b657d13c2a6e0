"""The progress report per campaign and per region, on screen and as an XLSX download."""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from spil.core.forms import as_key
from spil.core.permissions import Action, network_view, sees_company_names

from .reports import report_campaigns, report_rows, report_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _campaigns(request):
    campaigns = report_campaigns(request.membership)
    chosen = as_key(request.GET.get("gespreksronde"))
    if chosen is not None:
        campaigns = campaigns.filter(pk=chosen)
    return campaigns


@require_GET
@network_view(Action.VIEW_OUTREACH_REPORT)
def report(request):
    campaign_rows, region_rows = report_rows(_campaigns(request))
    context = {
        "campaign_rows": campaign_rows,
        "region_rows": region_rows,
        "choices": report_campaigns(request.membership).order_by("name").values_list("pk", "name"),
        "chosen": request.GET.get("gespreksronde", ""),
        "names_hidden": not sees_company_names(request.membership),
    }
    return TemplateResponse(request, "outreach/report.html", context)


@require_GET
@network_view(Action.VIEW_OUTREACH_REPORT)
def report_download(request):
    content = report_xlsx(campaigns=_campaigns(request), show_all_names=sees_company_names(request.membership))
    response = HttpResponse(content, content_type=XLSX)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="gesprekken-{request.network.slug}-{stamp}.xlsx"'
    return response
