"""Progress per campaign and per labour-market region, counted in the database, and its XLSX export.

Each source (targets, conversations, referrals, actions) is one query grouped per campaign and postcode
area, shared by both tables, so the report costs the same number of queries for 5 conversations as for
5,000. The export writes its sheets with the small writer in xlsx.py.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Substr
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spil.desk.models import PostcodeArea

from .models import ActionStatus, Appointment, Campaign, Conversation, FollowUpAction, Referral, Target
from .xlsx import xlsx


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


def _area(postcode: str):
    """The postcode area of an organisation: the first two digits of its postcode."""
    return Substr(postcode, 1, 2)


def _grouped(queryset, *keys: str, **aggregates) -> dict:
    """{key or (keys): {aggregate: value}} from one GROUP BY query."""
    rows = queryset.order_by().values(*keys).annotate(**aggregates)
    if len(keys) == 1:
        return {row.pop(keys[0]): row for row in rows}
    return {tuple(row.pop(key) for key in keys): row for row in rows}


def _add(totals: dict, key, figures: dict) -> None:
    totals[key].update({name: value or 0 for name, value in figures.items()})


def report_rows(campaigns) -> tuple[list[Row], list[Row]]:
    """The rows per campaign and per labour-market region, from the same grouped queries.

    Every source is counted once per (campaign, postcode area) and added up here both ways: per campaign,
    and per region (an organisation lies in one area and an area in one region, so even distinct counts
    add up). Regions are looked up per area in Python; a region subquery per row cost more than the
    counting itself."""
    campaigns = list(campaigns.order_by("-starts_on", "name"))
    ids = [c.pk for c in campaigns]
    regions = dict(PostcodeArea.objects.order_by().values_list("prefix", "region__name"))
    conversations = Conversation.objects.filter(campaign_id__in=ids).annotate(area=_area("organisation__postcode"))
    spoken = _grouped(conversations, "campaign_id", "area", n=Count("pk"), vacancies=Sum("vacancies_count"))
    spoken_employers = _grouped(conversations, "area", approached=Count("organisation", distinct=True))
    # The campaigns are named inside the subqueries too: PostgreSQL hashes a subquery's rows once, and
    # without them it hashed every conversation of every network.
    spoken_to = Conversation.objects.filter(campaign_id__in=ids)
    met = Appointment.objects.filter(stop__tour__campaign_id__in=ids)
    contacted = Q(Exists(spoken_to.filter(campaign=OuterRef("campaign"), organisation=OuterRef("organisation"))))
    contacted |= Q(Exists(met.filter(stop__tour__campaign=OuterRef("campaign"), organisation=OuterRef("organisation"))))
    targets = _grouped(
        Target.objects.filter(campaign_id__in=ids).annotate(area=_area("organisation__postcode"), contacted=contacted),
        "campaign_id",
        "area",
        targets=Count("pk"),
        approached=Count("pk", filter=Q(contacted=True)),
    )
    referrals = _grouped(
        Referral.objects.filter(conversation__campaign_id__in=ids).annotate(
            area=_area("conversation__organisation__postcode")
        ),
        "conversation__campaign_id",
        "area",
        referrals=Count("pk"),
    )
    actions = _grouped(
        FollowUpAction.objects.filter(conversation__campaign_id__in=ids).annotate(
            area=_area("conversation__organisation__postcode")
        ),
        "conversation__campaign_id",
        "area",
        actions=Count("pk"),
        actions_done=Count("pk", filter=Q(status=ActionStatus.DONE)),
    )
    per_campaign: dict = defaultdict(Counter)
    per_region: dict = defaultdict(Counter)
    for (campaign, area), figures in spoken.items():
        figures = {"spoken": figures["n"], "vacancies": figures["vacancies"]}
        _add(per_campaign, campaign, figures)
        _add(per_region, regions.get(area), figures)
    for grouped in (targets, referrals, actions):
        for (campaign, area), figures in grouped.items():
            _add(per_campaign, campaign, figures)
            # Per region, "approached" counts the employers spoken to (below), not targets approached.
            _add(per_region, regions.get(area), {k: v for k, v in figures.items() if k != "approached"})
    for area, figures in spoken_employers.items():
        _add(per_region, regions.get(area), figures)
    fields = ["targets", "approached", "spoken", "vacancies", "referrals", "actions", "actions_done"]
    campaign_list = [
        Row(
            key=campaign.pk,
            label=campaign.name,
            goal=campaign.goal_count,
            extra={"period": (campaign.starts_on, campaign.ends_on)},
            **{name: per_campaign[campaign.pk][name] for name in fields},
        )
        for campaign in campaigns
    ]
    unknown = _("onbekend")
    region_list = [
        Row(key=name, label=name or unknown, **{field: figures[field] for field in fields})
        for name, figures in per_region.items()
    ]
    return campaign_list, sorted(region_list, key=lambda row: (row.key is None, row.label))


def campaign_rows(campaigns) -> list[Row]:
    return report_rows(campaigns)[0]


def region_rows(campaigns) -> list[Row]:
    """The same figures per region of the employers; employers without a known region under 'onbekend'."""
    return report_rows(campaigns)[1]


def conversation_lines(campaign_names: dict[int, str], *, show_all_names: bool) -> list[tuple]:
    """One line per conversation of these campaigns ({pk: name}) for the export, by campaign name and
    newest first; a name is hidden unless the employer consented or the reader may see every name."""
    hidden = _("(naam niet gedeeld)")
    # Read in the order of the (campaign, newest) index, without joining the campaigns: their names are
    # known, and a stable sort by name keeps each campaign's conversations in that order.
    rows = (
        Conversation.objects.filter(campaign_id__in=list(campaign_names))
        .order_by("campaign_id", "-held_on", "-pk")
        .values_list(
            "campaign_id",
            "held_on",
            "organisation__name",
            "consent_share_name",
            "needs_count",
            "vacancies_count",
            "organisation__postcode",
        )
    )
    lines = [
        (
            campaign_names[campaign],
            held_on,
            name if consent or show_all_names else hidden,
            needs,
            vacancies,
            (postcode or "")[:2],
        )
        for campaign, held_on, name, consent, needs, vacancies, postcode in rows
    ]
    lines.sort(key=lambda line: line[0])
    return lines


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
    per_campaign = [[_("Gespreksronde"), _("Van"), _("Tot en met"), _("Doel"), *map(str, HEADINGS), _("% van doel")]]
    campaign_list, region_list = report_rows(campaigns)
    for row in campaign_list:
        starts, ends = row.extra["period"]
        per_campaign.append([row.label, starts, ends, row.goal, *_figures(row), row.percentage])
    per_region = [[_("Arbeidsmarktregio"), *map(str, HEADINGS)]]
    per_region += [[row.label, *_figures(row)] for row in region_list]
    lines = [[_("Gespreksronde"), _("Datum"), _("Werkgever"), _("Behoeften"), _("Vacatures"), _("Postcodegebied")]]
    names = {row.key: row.label for row in campaign_list}
    lines += conversation_lines(names, show_all_names=show_all_names)
    return xlsx([(_("Per gespreksronde"), per_campaign), (_("Per regio"), per_region), (_("Gesprekken"), lines)])


def report_campaigns(membership):
    """Campaigns a report covers: every campaign of the network (report readers see the whole network)."""
    return Campaign.objects.filter(network_id=membership.network_id)
