"""Read queries shared by the pages and the dashboard. Each runs a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from spil.core.permissions import scope_partnerships
from spil.networks.models import Network

from .models import MEMBER_STATUSES, AdmissionOpinion, Ambition, AmbitionKind, Contribution, Partnership, Stage, Status


def percentage(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


# Partners by what they have registered, on the counts the services keep.
WITHOUT_AMBITION = Q(ambition_count=0)
WITHOUT_RESULT = Q(ambition_count__gt=0, result_count=0)


def partner_list(*, membership, q: str = "", status: str = "", stage: str = "", ambition: str = ""):
    queryset = scope_partnerships(membership, Partnership.objects.all()).select_related("organisation", "main_contact")
    if status:
        queryset = queryset.filter(status=status)
    else:
        queryset = queryset.exclude(status__in=[Status.APPLICANT, Status.DECLINED])
    if stage:
        queryset = queryset.filter(stage=stage)
    if q:
        queryset = queryset.filter(organisation__search_text__contains=q.strip().lower())
    if ambition == "none":
        queryset = queryset.members().filter(WITHOUT_AMBITION)
    elif ambition == "no_result":
        queryset = queryset.members().filter(WITHOUT_RESULT)
    return queryset.order_by("organisation__name", "pk")


@dataclass
class KindTotal:
    kind: str
    label: str
    target: int
    realised: int

    @property
    def percentage(self):
        return percentage(self.realised, self.target)


def _sums_by_kind(ambitions) -> dict[str, tuple[int, int]]:
    rows = ambitions.values_list("kind").annotate(target=Sum("target"), realised=Sum("realised")).order_by()
    return {kind: (target, realised) for kind, target, realised in rows}


def ambition_totals(*, network: Network, partnership: Partnership | None = None) -> list[KindTotal]:
    """Target and realised per ambition kind, for the network's members or one partner.

    For the network: all its ambitions (read from one covering index) minus those of the few
    partnerships that are not members (applicants, declined, departed). Two small queries are
    much cheaper than joining every ambition to its partnership.
    """
    if partnership is not None:
        sums = _sums_by_kind(Ambition.objects.filter(partnership=partnership))
    else:
        sums = _sums_by_kind(Ambition.objects.filter(network=network))
        outside = Partnership.objects.filter(network=network).exclude(status__in=MEMBER_STATUSES)
        for kind, (target, realised) in _sums_by_kind(Ambition.objects.filter(partnership__in=outside)).items():
            sums[kind] = (sums[kind][0] - target, sums[kind][1] - realised)
    return [
        KindTotal(kind=kind, label=label, target=sums[kind][0], realised=sums[kind][1])
        for kind, label in AmbitionKind.choices
        if kind in sums and sums[kind][0] > 0
    ]


def partners_with_ambitions(network: Network, *, membership):
    """Member partners with ambitions that the member may see, by name, each with its ambitions."""
    return (
        scope_partnerships(membership, Partnership.objects.filter(network=network, ambition_count__gt=0), results=True)
        .members()
        .select_related("organisation")
        .prefetch_related("ambitions")
        .order_by("organisation__name", "pk")
    )


def registration_gaps(network: Network) -> dict[str, int]:
    """How many member partners have no ambition, and how many an ambition without a result (one query)."""
    return (
        Partnership.objects.filter(network=network)
        .members()
        .aggregate(
            without_ambition=Count("pk", filter=WITHOUT_AMBITION),
            without_result=Count("pk", filter=WITHOUT_RESULT),
        )
    )


def network_overview(network: Network) -> dict:
    partnerships = Partnership.objects.filter(network=network)
    by_status = dict(partnerships.values_list("status").annotate(n=Count("pk")).order_by())
    by_stage = dict(partnerships.members().values_list("stage").annotate(n=Count("pk")).order_by())
    unpaid = Contribution.objects.filter(partnership__network=network, paid_on__isnull=True).aggregate(
        n=Count("pk"), total=Sum("amount")
    )
    return {
        "by_status": [(label, by_status.get(value, 0), value) for value, label in Status.choices],
        "by_stage": [(label, by_stage.get(value, 0), value) for value, label in Stage.choices],
        "members": sum(by_status.get(s, 0) for s in (Status.ADMITTED, Status.ACTIVE, Status.INACTIVE)),
        "open_admissions": open_admissions(network)[:5],
        "open_admission_count": by_status.get(Status.APPLICANT, 0),
        "unpaid_count": unpaid["n"],
        "unpaid_total": unpaid["total"] or 0,
        "totals": ambition_totals(network=network),
    }


def open_admissions(network: Network):
    return (
        Partnership.objects.filter(network=network, status=Status.APPLICANT)
        .select_related("organisation")
        .annotate(
            in_favour=Count("opinions", filter=Q(opinions__opinion="in_favour")),
            against=Count("opinions", filter=Q(opinions__opinion="against")),
            opinion_count=Count("opinions"),
        )
        .order_by("applied_at", "pk")
    )


def decided_admissions(network: Network):
    return (
        Partnership.objects.filter(network=network, decision__isnull=False)
        .select_related("organisation", "decision", "decision__decided_by")
        .order_by("-decision__decided_at")
    )


def own_opinion(partnership: Partnership, user) -> AdmissionOpinion | None:
    return AdmissionOpinion.objects.filter(partnership=partnership, author=user).first()


def admission_opinions(partnership: Partnership):
    return AdmissionOpinion.objects.filter(partnership=partnership).select_related("author")


def contribution_years(network: Network) -> list[int]:
    """The years with contributions in the network, latest first."""
    return list(
        Contribution.objects.filter(partnership__network=network)
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


def contributions(network: Network, *, unpaid_only: bool = False, year: int | None = None):
    queryset = Contribution.objects.filter(partnership__network=network).select_related("partnership__organisation")
    if unpaid_only:
        queryset = queryset.filter(paid_on__isnull=True)
    if year:
        queryset = queryset.filter(year=year)
    return queryset.order_by("-year", "partnership__organisation__name", "pk")
