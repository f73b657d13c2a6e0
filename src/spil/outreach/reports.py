"""Progress per campaign and per labour-market region, counted in the database, and its XLSX export.

Each figure is one grouped query over the whole network, so the report costs the same number of
queries for 5 conversations as for 5,000.
"""

import io
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Substr
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from spil.desk.models import PostcodeArea

from .models import ActionStatus, Appointment, Campaign, Conversation, FollowUpAction, Referral, Target


@dataclass
class Row:
    key: object
    label: str
    goal: int | None = None
    targets: int = 0
    approached: int = 0
    spoken: int = 0
    referrals: int = 0
    vacancies: int = 0
    actions_done: int = 0
    actions: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def percentage(self) -> int | None:
        return round(100 * self.spoken / self.goal) if self.goal else None


def _region(prefix: str):
    """The labour-market region of an organisation, from the first two digits of its postcode."""
    area = PostcodeArea.objects.filter(prefix=Substr(OuterRef(prefix), 1, 2)).values("region__name")[:1]
    return Subquery(area)


def _grouped(queryset, key: str, **aggregates) -> dict:
    return {row.pop(key): row for row in queryset.order_by().values(key).annotate(**aggregates)}


def campaign_rows(campaigns) -> list[Row]:
    campaigns = list(campaigns.order_by("-starts_on", "name"))
    ids = [c.pk for c in campaigns]
    conversations = Conversation.objects.filter(campaign_id__in=ids)
    spoken = _grouped(conversations, "campaign_id", n=Count("pk"), vacancies=Sum("vacancies_count"))
    contacted = Q(
        Exists(Conversation.objects.filter(campaign=OuterRef("campaign"), organisation=OuterRef("organisation")))
    )
    contacted |= Q(
        Exists(
            Appointment.objects.filter(stop__tour__campaign=OuterRef("campaign"), organisation=OuterRef("organisation"))
        )
    )
    targets = Target.objects.filter(campaign_id__in=ids)
    target_counts = _grouped(
        targets.annotate(contacted=contacted),
        "campaign_id",
        n=Count("pk"),
        approached=Count("pk", filter=Q(contacted=True)),
    )
    referrals = _grouped(
        Referral.objects.filter(conversation__campaign_id__in=ids), "conversation__campaign_id", n=Count("pk")
    )
    actions = _grouped(
        FollowUpAction.objects.filter(conversation__campaign_id__in=ids),
        "conversation__campaign_id",
        n=Count("pk"),
        done=Count("pk", filter=Q(status=ActionStatus.DONE)),
    )
    rows = []
    for campaign in campaigns:
        pk = campaign.pk
        rows.append(
            Row(
                key=pk,
                label=campaign.name,
                goal=campaign.goal_count,
                targets=target_counts.get(pk, {}).get("n", 0),
                approached=target_counts.get(pk, {}).get("approached", 0),
                spoken=spoken.get(pk, {}).get("n", 0),
                vacancies=spoken.get(pk, {}).get("vacancies") or 0,
                referrals=referrals.get(pk, {}).get("n", 0),
                actions=actions.get(pk, {}).get("n", 0),
                actions_done=actions.get(pk, {}).get("done", 0),
                extra={"period": (campaign.starts_on, campaign.ends_on)},
            )
        )
    return rows


def region_rows(campaigns) -> list[Row]:
    """The same figures per region of the employers; employers without a known region under 'onbekend'."""
    ids = list(campaigns.values_list("pk", flat=True))
    conversations = Conversation.objects.filter(campaign_id__in=ids).annotate(region=_region("organisation__postcode"))
    spoken = _grouped(
        conversations,
        "region",
        n=Count("pk"),
        approached=Count("organisation", distinct=True),
        vacancies=Sum("vacancies_count"),
    )
    targets = _grouped(
        Target.objects.filter(campaign_id__in=ids).annotate(region=_region("organisation__postcode")),
        "region",
        n=Count("pk"),
    )
    referrals = _grouped(
        Referral.objects.filter(conversation__campaign_id__in=ids).annotate(
            region=_region("conversation__organisation__postcode")
        ),
        "region",
        n=Count("pk"),
    )
    actions = _grouped(
        FollowUpAction.objects.filter(conversation__campaign_id__in=ids).annotate(
            region=_region("conversation__organisation__postcode")
        ),
        "region",
        n=Count("pk"),
        done=Count("pk", filter=Q(status=ActionStatus.DONE)),
    )
    names = set(spoken) | set(targets) | set(referrals) | set(actions)
    unknown = _("onbekend")
    rows = [
        Row(
            key=name,
            label=name or unknown,
            targets=targets.get(name, {}).get("n", 0),
            approached=spoken.get(name, {}).get("approached", 0),
            spoken=spoken.get(name, {}).get("n", 0),
            vacancies=spoken.get(name, {}).get("vacancies") or 0,
            referrals=referrals.get(name, {}).get("n", 0),
            actions=actions.get(name, {}).get("n", 0),
            actions_done=actions.get(name, {}).get("done", 0),
        )
        for name in names
    ]
    return sorted(rows, key=lambda row: (row.key is None, row.label))


def conversation_lines(campaigns, *, show_all_names: bool):
    """One line per conversation for the export; a name is hidden unless the employer consented or the
    reader may see every name."""
    hidden = _("(naam niet gedeeld)")
    lines = (
        Conversation.objects.filter(campaign__in=campaigns)
        .order_by("campaign__name", "-held_on", "pk")
        .values_list(
            "campaign__name",
            "held_on",
            "organisation__name",
            "consent_share_name",
            "needs_count",
            "vacancies_count",
            "organisation__postcode",
        )
    )
    for campaign, held_on, name, consent, needs, vacancies, postcode in lines:
        yield campaign, held_on, name if consent or show_all_names else hidden, needs, vacancies, (postcode or "")[:2]


HEADINGS = [
    gettext_lazy("Doellijst"),
    gettext_lazy("Benaderd"),
    gettext_lazy("Gesproken"),
    gettext_lazy("Doorverwijzingen"),
    gettext_lazy("Vacatures"),
    gettext_lazy("Acties afgerond"),
    gettext_lazy("Acties"),
]


def _figures(row: Row) -> list:
    return [row.targets, row.approached, row.spoken, row.referrals, row.vacancies, row.actions_done, row.actions]


def report_xlsx(*, campaigns, show_all_names: bool) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Per gespreksronde")
    sheet.append([_("Gespreksronde"), _("Van"), _("Tot en met"), _("Doel"), *map(str, HEADINGS), _("% van doel")])
    for row in campaign_rows(campaigns):
        starts, ends = row.extra["period"]
        sheet.append([row.label, starts, ends, row.goal, *_figures(row), row.percentage])
    regions = workbook.create_sheet(_("Per regio"))
    regions.append([_("Arbeidsmarktregio"), *map(str, HEADINGS)])
    for row in region_rows(campaigns):
        regions.append([row.label, *_figures(row)])
    lines = workbook.create_sheet(_("Gesprekken"))
    lines.append([_("Gespreksronde"), _("Datum"), _("Werkgever"), _("Behoeften"), _("Vacatures"), _("Postcodegebied")])
    for line in conversation_lines(campaigns, show_all_names=show_all_names):
        lines.append(list(line))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def report_campaigns(membership):
    """Campaigns a report covers: every campaign of the network (report readers see the whole network)."""
    return Campaign.objects.filter(network_id=membership.network_id)
