"""Reads of the desk shared by its pages and reports."""

from datetime import timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone

from spil.networks.models import LabourMarketRegion
from spil.partners.models import Organisation, OrganisationKind

from .models import OPEN_STATUSES, DutyShift, PostcodeArea, Request, RequestStatus

NEAR_DEADLINE = timedelta(hours=4)


def region_for_postcode(postcode: str):
    """The labour-market region of a Dutch postcode, from the shipped postcode-area table; None if unknown."""
    prefix = (postcode or "").strip()[:2]
    if len(prefix) != 2 or not (prefix.isascii() and prefix.isdigit()):
        return None
    area = PostcodeArea.objects.filter(prefix=prefix).select_related("region").first()
    return area.region if area else None


def unanswered(queryset):
    """Requests still waiting for their first answer: what the deadline flags and the escalation look at."""
    return queryset.filter(first_response_at=None).exclude(status=RequestStatus.CLOSED)


def request_list(queryset, *, status: str = "", flag: str = "", now=None):
    """Requests for the list page, with what the rows show loaded in the same query."""
    now = now or timezone.now()
    queryset = queryset.select_related("region", "referred_to")
    if status:
        queryset = queryset.filter(status=status)
    if flag == "overdue":
        queryset = unanswered(queryset).filter(due_at__lte=now)
    elif flag == "near":
        queryset = unanswered(queryset).filter(due_at__gt=now, due_at__lte=now + NEAR_DEADLINE)
    return queryset.order_by("-submitted_at", "-pk")


def deadline_flag(request, now) -> str:
    """'overdue', 'near' or '' for a request without a first answer."""
    if request.first_response_at is not None or request.status == RequestStatus.CLOSED:
        return ""
    if request.due_at <= now:
        return "overdue"
    if request.due_at <= now + NEAR_DEADLINE:
        return "near"
    return ""


def referral_targets(network):
    """Organisations a request can be handed to: the network's public partners, WSPs first."""
    kinds = [
        OrganisationKind.WSP,
        OrganisationKind.UWV,
        OrganisationKind.MUNICIPALITY,
        OrganisationKind.EDUCATION,
        OrganisationKind.OTHER,
    ]
    return (
        Organisation.objects.filter(partnerships__network=network, kind__in=kinds).distinct().order_by("kind", "name")
    )


def wsp_of_region(network, region):
    """The WSP partner of the network whose postcode lies in the region, to suggest as referral."""
    if region is None:
        return None
    prefixes = list(PostcodeArea.objects.filter(region=region).values_list("prefix", flat=True))
    if not prefixes:
        return None
    query = Q()
    for prefix in prefixes:
        query |= Q(postcode__startswith=prefix)
    return referral_targets(network).filter(query, kind=OrganisationKind.WSP).first()


def duty_shifts(network, days):
    return {
        shift.day: shift for shift in DutyShift.objects.filter(network=network, day__in=days).select_related("user")
    }


def _blank() -> dict:
    return dict.fromkeys(
        ("total", "answered", "in_time", "seconds", "confirmed", "confirmed_in_time", "confirm_seconds"), 0
    )


def _finish(name, row: dict) -> dict:
    answered, confirmed = row["answered"], row["confirmed"]
    return {
        **row,
        "name": name,
        "share": round(100 * row["in_time"] / answered) if answered else None,
        "average_hours": round(row["seconds"] / answered / 3600, 1) if answered else None,
        "confirm_share": round(100 * row["confirmed_in_time"] / confirmed) if confirmed else None,
        "confirm_hours": round(row["confirm_seconds"] / confirmed / 3600, 1) if confirmed else None,
    }


def report(network, *, since=None, now=None) -> dict:
    """Desk figures: by status; first-response time and share within one working day per region and per WSP.

    One grouped query over the period (by region, organisation referred to and status) gives every table:
    sums, not averages, so that the totals per region, per WSP and overall add up in Python.
    """
    now = now or timezone.now()
    requests = Request.objects.filter(network=network)
    if since is not None:
        requests = requests.filter(submitted_at__gte=since)
    # Grouped on the keys only (no joins over every request); the few names come in two small queries.
    grouped = (
        requests.values("region_id", "referred_to_id", "status")
        .annotate(
            total=Count("pk"),
            answered=Count("pk", filter=Q(first_response_at__isnull=False)),
            in_time=Count("pk", filter=Q(answered_in_time=True)),
            seconds=Sum("response_seconds", default=0),
            confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
            confirmed_in_time=Count("pk", filter=Q(confirmed_in_time=True)),
            confirm_seconds=Sum("confirm_seconds", default=0),
        )
        .order_by()
    )
    regions, wsps, total, by_status = {}, {}, _blank(), dict.fromkeys(RequestStatus.values, 0)
    grouped = list(grouped)
    region_names = dict(LabourMarketRegion.objects.values_list("pk", "name"))
    referred = {row["referred_to_id"] for row in grouped} - {None}
    organisation_names = dict(Organisation.objects.filter(pk__in=referred).values_list("pk", "name"))
    for row in grouped:
        by_status[row["status"]] += row["total"]
        targets = [regions.setdefault(region_names.get(row["region_id"]), _blank()), total]
        if row["referred_to_id"] is not None:
            targets.append(wsps.setdefault(organisation_names[row["referred_to_id"]], _blank()))
        for target in targets:
            for key in target:
                target[key] += row[key]
    overdue = unanswered(requests).filter(due_at__lte=now).select_related("on_duty").order_by("due_at")
    overdue_rows = list(overdue[:51])
    return {
        "by_status": [(status, label, by_status[status]) for status, label in RequestStatus.choices],
        "per_region": [_finish(name, row) for name, row in sorted(regions.items(), key=lambda i: i[0] or "~")],
        "per_wsp": [_finish(name, row) for name, row in sorted(wsps.items())],
        "total": _finish(None, total) if total["total"] else None,
        "overdue": overdue_rows[:50],
        "overdue_count": overdue.count() if len(overdue_rows) > 50 else len(overdue_rows),
        "open_count": sum(by_status[status] for status in OPEN_STATUSES),
    }
