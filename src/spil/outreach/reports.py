"""Progress per campaign and per labour-market region, counted in the database, and its XLSX export.

Each source (targets, conversations, referrals, actions) is one query grouped per campaign and postcode
area, shared by both tables, so the report costs the same number of queries for 5 conversations as for
5,000. The export writes its sheets with the small writer in core/xlsx.py.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Case, CharField, Exists, F, OuterRef, Q, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spil.core.xlsx import xlsx
from spil.desk.models import PostcodeArea
from spil.partners.models import Organisation

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


def _sources(ids: list[int]):
    """One row per counted thing of these campaigns: (kind, campaign, organisation, a, b), as a UNION ALL.

    kinds: "t" a target (a = approached), "c" a conversation (a = vacancies found), "r" a referral, "f" a
    follow-up action (a = done), "e" an employer spoken to in any of these campaigns (campaign 0)."""
    one, zero = Value(1), Value(0)

    def rows(queryset, kind: str, campaign: str, organisation: str, a=zero):
        return queryset.order_by().values(
            k=Value(kind, output_field=CharField()), c=F(campaign), o=F(organisation), a=a
        )

    spoken_to = Conversation.objects.filter(campaign_id__in=ids)
    # The campaigns are named inside the subqueries too: PostgreSQL hashes a subquery's rows once, and
    # without them it hashed every conversation of every network.
    met = Appointment.objects.filter(stop__tour__campaign_id__in=ids)
    contacted = Q(Exists(spoken_to.filter(campaign=OuterRef("campaign"), organisation=OuterRef("organisation"))))
    contacted |= Q(Exists(met.filter(stop__tour__campaign=OuterRef("campaign"), organisation=OuterRef("organisation"))))
    parts = [
        rows(
            Target.objects.filter(campaign_id__in=ids),
            "t",
            "campaign_id",
            "organisation_id",
            Case(When(contacted, then=one), default=zero),
        ),
        rows(spoken_to, "c", "campaign_id", "organisation_id", F("vacancies_count")),
        rows(
            Referral.objects.filter(conversation__campaign_id__in=ids),
            "r",
            "conversation__campaign_id",
            "conversation__organisation_id",
        ),
        rows(
            FollowUpAction.objects.filter(conversation__campaign_id__in=ids),
            "f",
            "conversation__campaign_id",
            "conversation__organisation_id",
            Case(When(status=ActionStatus.DONE, then=one), default=zero),
        ),
    ]
    employers = (
        spoken_to.order_by()
        .values(
            k=Value("e", output_field=CharField()),
            c=zero,
            o=F("organisation_id"),
            a=zero,
        )
        .distinct()
    )
    return parts[0].union(*parts[1:], employers, all=True).order_by()


def _counted(ids: list[int]) -> list[tuple]:
    """(kind, campaign, postcode area, count, sum of a) for every kind of _sources, in one query: the
    organisations' postcodes are read once for all sources (each grouped count of its own read them all)."""
    sql, params = _sources(ids).query.sql_with_params()
    organisation = connection.ops.quote_name(Organisation._meta.db_table)
    area = "SUBSTR(org.postcode, 1, 2)"
    outer = (
        f"SELECT s.k, s.c, {area}, COUNT(*), SUM(s.a) FROM ({sql}) s "
        f"INNER JOIN {organisation} org ON org.id = s.o GROUP BY s.k, s.c, {area}"
    )
    with connection.cursor() as cursor:
        cursor.execute(outer, params)
        return cursor.fetchall()


# What each kind of counted row adds to a report row: (field for the count, field for the sum of a).
_FIGURES = {
    "t": ("targets", "approached"),
    "c": ("spoken", "vacancies"),
    "r": ("referrals", None),
    "f": ("actions", "actions_done"),
}


def report_rows(campaigns) -> tuple[list[Row], list[Row]]:
    """The rows per campaign and per labour-market region, from one grouped query.

    Every source is counted once per (campaign, postcode area) and added up here both ways: per campaign,
    and per region (an organisation lies in one area and an area in one region, so even distinct counts
    add up). Regions are looked up per area in Python; a region subquery per row cost more than the
    counting itself."""
    campaigns = list(campaigns.order_by("-starts_on", "name"))
    ids = [c.pk for c in campaigns]
    regions = dict(PostcodeArea.objects.order_by().values_list("prefix", "region__name"))
    per_campaign: dict = defaultdict(Counter)
    per_region: dict = defaultdict(Counter)
    for kind, campaign, area, count, total in _counted(ids) if ids else []:
        region = regions.get(area)
        if kind == "e":  # per region, "approached" counts the employers spoken to, not targets approached
            per_region[region]["approached"] += count
            continue
        count_field, sum_field = _FIGURES[kind]
        figures = {count_field: count} | ({sum_field: total or 0} if sum_field else {})
        per_campaign[campaign].update(figures)
        per_region[region].update({k: v for k, v in figures.items() if k != "approached"})
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
