"""Reads of the desk shared by its pages and reports."""

from datetime import timedelta

from django.db.models import Avg, Count, Q
from django.utils import timezone

from spil.partners.models import Organisation, OrganisationKind

from .models import OPEN_STATUSES, DutyShift, PostcodeArea, Request, RequestStatus

NEAR_DEADLINE = timedelta(hours=4)


def region_for_postcode(postcode: str):
    """The labour-market region of a Dutch postcode, from the shipped postcode-area table; None if unknown."""
    prefix = (postcode or "").strip()[:2]
    if len(prefix) != 2 or not prefix.isdigit():
        return None
    area = PostcodeArea.objects.filter(prefix=prefix).select_related("region").first()
    return area.region if area else None


def request_list(queryset, *, status: str = "", flag: str = "", now=None):
    """Requests for the list page, with what the rows show loaded in the same query."""
    now = now or timezone.now()
    queryset = queryset.select_related("region", "referred_to", "handler", "on_duty")
    if status:
        queryset = queryset.filter(status=status)
    if flag == "overdue":
        queryset = queryset.filter(first_response_at=None, due_at__lte=now).exclude(status=RequestStatus.CLOSED)
    elif flag == "near":
        queryset = queryset.filter(first_response_at=None, due_at__gt=now, due_at__lte=now + NEAR_DEADLINE).exclude(
            status=RequestStatus.CLOSED
        )
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
    query = Q()
    for prefix in prefixes:
        query |= Q(postcode__startswith=prefix)
    if not prefixes:
        return None
    return referral_targets(network).filter(query, kind=OrganisationKind.WSP).first()


def duty_shifts(network, days):
    return {
        shift.day: shift for shift in DutyShift.objects.filter(network=network, day__in=days).select_related("user")
    }


def _figures(queryset, group_by: str):
    return list(
        queryset.values(group_by)
        .annotate(
            total=Count("pk"),
            answered=Count("pk", filter=Q(first_response_at__isnull=False)),
            in_time=Count("pk", filter=Q(answered_in_time=True)),
            average=Avg("response_seconds"),
            confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
            confirmed_in_time=Count("pk", filter=Q(confirmed_in_time=True)),
            confirm_average=Avg("confirm_seconds"),
        )
        .order_by(group_by)
    )


def report(network, *, since=None, now=None) -> dict:
    """Desk figures: by status; first-response time and share within one working day per region and per WSP."""
    now = now or timezone.now()
    requests = Request.objects.filter(network=network)
    if since is not None:
        requests = requests.filter(submitted_at__gte=since)
    by_status = dict(requests.values_list("status").annotate(n=Count("pk")).order_by())
    per_region = _figures(requests, "region__name")
    per_wsp = _figures(requests.filter(referred_to__isnull=False), "referred_to__name")
    total = _figures(requests, "network_id")
    for row in [*per_region, *per_wsp, *total]:
        row["name"] = row.get("region__name") or row.get("referred_to__name")
        row["share"] = round(100 * row["in_time"] / row["answered"]) if row["answered"] else None
        row["confirm_share"] = round(100 * row["confirmed_in_time"] / row["confirmed"]) if row["confirmed"] else None
        row["average_hours"] = round(row["average"] / 3600, 1) if row["average"] is not None else None
        row["confirm_hours"] = round(row["confirm_average"] / 3600, 1) if row["confirm_average"] is not None else None
    overdue = (
        requests.filter(first_response_at=None, due_at__lte=now)
        .exclude(status=RequestStatus.CLOSED)
        .select_related("region", "on_duty")
        .order_by("due_at")
    )
    return {
        "by_status": [(status, label, by_status.get(status, 0)) for status, label in RequestStatus.choices],
        "per_region": per_region,
        "per_wsp": per_wsp,
        "total": total[0] if total else None,
        "overdue": overdue[:50],
        "overdue_count": overdue.count(),
        "open_count": sum(by_status.get(status, 0) for status in OPEN_STATUSES),
    }
