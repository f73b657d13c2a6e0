"""Time every page Spil can show with a GET against the trivial view (an empty page).

    .venv/bin/python benchmarks/pages.py --size national
    .venv/bin/python benchmarks/pages.py --size national --database-url postgres://postgres@127.0.0.1:5432/spil_bench

The script makes a fresh database (a SQLite file in a temporary directory, or the
PostgreSQL database named in --database-url, which it creates and drops), migrates,
generates data of the given size and then requests each page many times through
django.test.Client, alternating with the trivial view so that a noisy machine slows both
alike. The trivial view (bench_urls.empty_page) is the emptiest page a member can get:
the same middleware, session, login and membership check and the site layout, with no
content of its own. The bare health check /ping/ (no session, no template) is timed too
and shown for reference. It prints per page the median time, the ratio to the trivial
view and to /ping/, the number of SQL queries and the slowest query. The target is a
ratio of at most 5 to the trivial view for every page.

`measure_pages()` is also used by tests/demo/test_generate.py at the demo size.
"""

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

TARGET_RATIO = 5.0
PING = "/ping/"
TRIVIAL = "/bench/n/{slug}/leeg/"
HOST = "localhost"


class PageError(Exception):
    pass


@dataclass(frozen=True)
class Page:
    name: str
    url: str
    client: str = "coordinator"  # coordinator, chair, partner or anonymous
    htmx: bool = False


@dataclass
class Query:
    ms: float
    sql: str
    params: tuple


@dataclass
class PageResult:
    page: Page
    samples_ms: list[float]
    ratio: float = 0.0
    ping_ratio: float = 0.0
    queries: list[Query] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def sql_ms(self) -> float:
        return sum(q.ms for q in self.queries)

    @property
    def slowest(self) -> Query | None:
        return max(self.queries, key=lambda q: q.ms, default=None)


@dataclass
class Report:
    ping_ms: float
    trivial_ms: float
    results: list[PageResult]

    @property
    def worst(self) -> PageResult:
        return max(self.results, key=lambda r: r.ratio)


def bench_pages(network) -> list[Page]:
    """Every page a GET can show, with real objects of the (largest) generated network."""
    from django.conf import settings
    from django.db.models import Count

    from spil.accounts.models import Membership
    from spil.networks.models import Body, BodyKind
    from spil.partners.models import Ambition, Contribution, Partnership, Status
    from spil.partners.views import AMBITION_PAGE_SIZE

    per_page = settings.PAGE_SIZE
    n = f"/n/{network.slug}"
    partner = Membership.objects.get(network=network, user__email="bench-partner@spil.example")
    partnership = Partnership.objects.get(network=network, organisation_id=partner.organisation_id)
    ambition = Ambition.objects.filter(partnership=partnership).order_by("pk").first()
    application = (
        Partnership.objects.filter(network=network, status=Status.APPLICANT)
        .annotate(n=Count("opinions"))
        .order_by("-n", "pk")
        .first()
    )
    core_group = Body.objects.get(network=network, kind=BodyKind.CORE_GROUP)

    def middle_page(count: int, size: int = per_page) -> int:
        return max(1, -(-count // size) // 2)

    listed = Partnership.objects.filter(network=network).exclude(status__in=[Status.APPLICANT, Status.DECLINED])
    with_ambitions = Partnership.objects.filter(network=network, ambition_count__gt=0)
    contributions = Contribution.objects.filter(partnership__network=network)
    p = f"{n}/partners/{partnership.pk}"
    return [
        Page("home (network choice)", "/"),
        Page("dashboard", f"{n}/"),
        Page("partners", f"{n}/partners/"),
        Page("partners: search 'bakkerij'", f"{n}/partners/?q=bakkerij"),
        Page("partners: search (htmx partial)", f"{n}/partners/?q=zorg", htmx=True),
        Page("partners: status + stage", f"{n}/partners/?status=active&stage=advanced"),
        Page("partners: without ambition", f"{n}/partners/?ambition=none"),
        Page("partners: ambition, no result", f"{n}/partners/?ambition=no_result"),
        Page("partners: middle page", f"{n}/partners/?page={middle_page(listed.count())}"),
        Page("partner detail", f"{p}/"),
        Page("partner edit", f"{p}/bewerken/"),
        Page("new partner", f"{n}/partners/nieuw/"),
        Page("new contact", f"{p}/contactpersonen/nieuw/"),
        Page("new ambition", f"{p}/ambities/nieuw/"),
        Page("new result", f"{n}/ambities/{ambition.pk}/resultaten/nieuw/"),
        Page("ambitions", f"{n}/ambities/"),
        Page("ambitions: middle page", f"{n}/ambities/?page={middle_page(with_ambitions.count(), AMBITION_PAGE_SIZE)}"),
        Page("contributions", f"{n}/contributies/"),
        Page("contributions: unpaid", f"{n}/contributies/?unpaid=1"),
        Page("contributions: middle page", f"{n}/contributies/?page={middle_page(contributions.count())}"),
        Page("new contribution (partner)", f"{p}/contributies/nieuw/"),
        Page("yearly contributions", f"{n}/contributies/nieuw/"),
        Page("admissions", f"{n}/aanmeldingen/"),
        Page("new application", f"{n}/aanmeldingen/nieuw/"),
        Page("admission detail", f"{n}/aanmeldingen/{application.pk}/"),
        Page("admission detail (chair)", f"{n}/aanmeldingen/{application.pk}/", client="chair"),
        Page("bodies", f"{n}/organen/"),
        Page("body edit (kerngroep)", f"{n}/organen/{core_group.pk}/"),
        Page("stakeholders", f"{n}/stakeholders/"),
        Page("network settings", f"{n}/instellingen/"),
        Page("people and roles", f"{n}/mensen/"),
        Page("give a partner contact access", f"{p}/toegang/"),
        Page("end a role (confirm)", f"{n}/mensen/{partner.pk}/beeindigen/"),
        Page("remove ambition (confirm)", f"{n}/ambities/{ambition.pk}/verwijderen/"),
        Page("partners (partner contact)", f"{n}/partners/", client="partner"),
        Page("partner detail (partner contact)", f"{p}/", client="partner"),
        Page("public apply form", f"/aanmelden/{network.slug}/", client="anonymous"),
        Page("public apply: thanks", f"/aanmelden/{network.slug}/bedankt/", client="anonymous"),
        Page("login", "/accounts/login/", client="anonymous"),
        *_activity_pages(network, partner, middle_page),
        *_signpost_pages(network, middle_page),
        *_desk_pages(network, middle_page),
        *_outreach_pages(network, middle_page),
        *_matching_pages(network, partner, middle_page),
        *_candidate_pages(network, middle_page),
    ]


def _candidate_pages(network, middle_page) -> list[Page]:
    """Candidates: the advisor's own, the coordinator's (match consent), the employers' anonymous profiles.

    Only the pages that need no candidate when the generator made none."""
    from spil.matching.models import Candidate

    n = f"/n/{network.slug}/kandidaten"
    candidates = Candidate.objects.filter(network=network, anonymised_at=None)
    pages = [
        Page("candidates (WSP advisor)", f"{n}/", client="advisor"),
        Page("candidates", f"{n}/"),
        Page("candidates: search 'afwassen'", f"{n}/?q=afwassen"),
        Page("candidates (partner contact, anonymous)", f"{n}/", client="partner"),
        Page("new candidate", f"{n}/nieuw/"),
        Page("task suggestions (htmx)", f"{n}/taken/suggesties/?tasks=inpak", htmx=True),
    ]
    candidate = candidates.filter(consents__purpose="match", consents__revoked_at=None).order_by("pk").first()
    if candidate is not None:
        c = f"{n}/{candidate.pk}"
        pages += [
            Page("candidates: middle page", f"{n}/?page={middle_page(candidates.count())}"),
            Page("candidate", f"{c}/"),
            Page("candidate: edit", f"{c}/bewerken/"),
            Page("candidate: record consent", f"{c}/toestemming/"),
            Page("candidate: access log", f"{c}/logboek/"),
            Page("candidate: erase (confirm)", f"{c}/wissen/"),
        ]
    return pages


def _matching_pages(network, partner, middle_page) -> list[Page]:
    """Opportunities, job carving and matches; the ranked lists run the matcher over the network's rows.

    Empty when the generator made no opportunities (the pages then have nothing of size to time)."""
    from spil.matching.models import Cohort, Match, Opportunity

    n = f"/n/{network.slug}"
    opportunities = Opportunity.objects.filter(network=network)
    opportunity = opportunities.filter(organisation_id=partner.organisation_id).order_by("pk").first()
    opportunity = opportunity or opportunities.order_by("pk").first()
    if opportunity is None:
        return []
    # A match whose candidate the coordinator may see: one with a match consent in force.
    match = (
        Match.objects.filter(
            opportunity__network=network,
            candidate__consents__purpose="match",
            candidate__consents__revoked_at=None,
            candidate__consents__network=network,
        )
        .order_by("pk")
        .first()
    )
    pages = [
        Page("opportunities", f"{n}/kansen/"),
        Page("opportunities: middle page", f"{n}/kansen/?status=all&page={middle_page(opportunities.count())}"),
        Page("opportunities (partner contact)", f"{n}/kansen/", client="partner"),
        Page("opportunity", f"{n}/kansen/{opportunity.pk}/"),
        Page("opportunity: edit", f"{n}/kansen/{opportunity.pk}/bewerken/"),
        Page("opportunity: ranked candidates", f"{n}/kansen/{opportunity.pk}/kandidaten/"),
        Page("new opportunity", f"{n}/kansen/nieuw/"),
        Page("job carving", f"{n}/jobcarving/?werkgever={opportunity.organisation_id}"),
        Page("matches", f"{n}/matches/"),
        Page("matches (partner contact)", f"{n}/matches/", client="partner"),
    ]
    if match is not None:
        pages += [
            Page("match", f"{n}/matches/{match.pk}/"),
            Page("candidate: ranked opportunities", f"{n}/matches/kandidaat/{match.candidate_id}/"),
        ]
    cohort = Cohort.objects.filter(network=network).order_by("pk").first()
    if cohort is not None:
        pages += [
            Page("cohorts", f"{n}/cohorten/"),
            Page("new cohort", f"{n}/cohorten/nieuw/"),
            Page(f"cohort ({cohort.pairs.count()} pairs): first page", f"{n}/cohorten/{cohort.pk}/"),
        ]
    return pages


def _outreach_pages(network, middle_page) -> list[Page]:
    """Employer conversations (20,000 nationally): campaigns, target list with contact pressure, report."""
    from spil.outreach.models import Appointment, BusTour, Campaign, Conversation

    n = f"/n/{network.slug}/gesprekken"
    campaign = Campaign.objects.filter(network=network).order_by("pk").first()
    conversation = Conversation.objects.filter(campaign=campaign).order_by("pk").first()
    tour = BusTour.objects.filter(network=network).order_by("pk").first()
    appointment = Appointment.objects.filter(stop__tour=tour).order_by("pk").first()
    targets = campaign.targets.count()
    organisation = f"?organisation={conversation.organisation_id}"
    return [
        Page("outreach: campaigns", f"{n}/"),
        Page("outreach: campaign with target list", f"{n}/rondes/{campaign.pk}/"),
        Page("outreach: target list, middle page", f"{n}/rondes/{campaign.pk}/?doellijst={middle_page(targets)}"),
        Page("outreach: new conversation", f"{n}/rondes/{campaign.pk}/gesprek/{organisation}"),
        Page("outreach: contact pressure (htmx)", f"{n}/contactdruk/{organisation}", htmx=True),
        Page("outreach: conversation", f"{n}/{conversation.pk}/"),
        Page("outreach: overdue actions", f"{n}/vervolgacties/?te_laat=1"),
        Page("outreach: contact moments", f"{n}/contactmomenten/"),
        Page("outreach: report", f"{n}/rapportage/"),
        Page("outreach: report (WSP advisor)", f"{n}/rapportage/", client="advisor"),
        Page("outreach: report XLSX", f"{n}/rapportage.xlsx?gespreksronde={campaign.pk}"),
        Page("outreach: bus tour", f"{n}/bustours/{tour.pk}/"),
        Page("outreach: conversation after appointment", f"{n}/afspraken/{appointment.pk}/gesprek/"),
        Page("outreach: target list edit", f"{n}/rondes/{campaign.pk}/doellijst/"),
    ]


def _desk_pages(network, middle_page) -> list[Page]:
    """The employer desk (50,000 requests nationally), its report, roster and the staff exchange."""
    from spil.desk.models import Request

    n = f"/n/{network.slug}"
    requests = Request.objects.filter(network=network)
    referred = requests.filter(referred_to__isnull=False).order_by("pk").first()
    return [
        Page("desk", f"{n}/loket/"),
        Page("desk: overdue", f"{n}/loket/?flag=overdue"),
        Page("desk: referred", f"{n}/loket/?status=referred"),
        Page("desk: middle page", f"{n}/loket/?page={middle_page(requests.count())}"),
        Page("desk request", f"{n}/loket/{referred.pk}/"),
        Page("desk request (WSP advisor)", f"{n}/loket/{referred.pk}/", client="advisor"),
        Page("desk (WSP advisor)", f"{n}/loket/", client="advisor"),
        Page("desk (partner contact)", f"{n}/loket/", client="partner"),
        Page("desk: new request", f"{n}/loket/nieuw/"),
        Page("desk: roster", f"{n}/loket/rooster/"),
        Page("desk: report", f"{n}/loket/rapport/"),
        Page("staff exchange", f"{n}/uitwisseling/"),
        Page("staff exchange: new offer", f"{n}/uitwisseling/nieuw/"),
        Page("desk: public form", f"/loket/{network.slug}/", client="anonymous"),
        Page("desk: public status", f"/loket/status/{referred.token}/", client="anonymous"),
    ]


def _signpost_pages(network, middle_page) -> list[Page]:
    """The public signpost (anonymous visitors) and its editors' pages (the coordinator may edit too)."""
    from spil.knowledge.models import SignpostEntry

    entries = SignpostEntry.objects.filter(network=network)
    entry = entries.filter(archived=False).order_by("pk").first()
    public = entries.filter(archived=False).count()
    w, m = f"/wegwijzer/{network.slug}", f"/n/{network.slug}/wegwijzer/beheer"
    return [
        Page("signpost (public)", f"{w}/", client="anonymous"),
        Page("signpost: search 'werkplaats'", f"{w}/?q=werkplaats", client="anonymous"),
        Page("signpost: search (htmx partial)", f"{w}/?q=leer&theme=learning", client="anonymous", htmx=True),
        Page("signpost: middle page", f"{w}/?page={middle_page(public)}", client="anonymous"),
        Page("signpost entry (public)", f"{w}/{entry.pk}/", client="anonymous"),
        Page("signpost: manage", f"{m}/"),
        Page("signpost: needs a check", f"{m}/?status=check"),
        Page("signpost: new entry", f"{m}/nieuw/"),
        Page("signpost: edit entry", f"{m}/{entry.pk}/bewerken/"),
        Page("signpost: remove entry (confirm)", f"{m}/{entry.pk}/verwijderen/"),
    ]


def _activity_pages(network, partner, middle_page) -> list[Page]:
    """Activities, groups and kerngroep meetings: the busiest of each in the network."""
    from django.utils import timezone

    from spil.activities.models import Activity, FollowUp, Group
    from spil.communication.models import Mailing

    n = f"/n/{network.slug}"
    activities = Activity.objects.filter(network=network).exclude(kind="core_group_meeting")
    busiest = activities.order_by("-registered_count", "pk").first()
    past = activities.filter(ends_at__lt=timezone.now()).count()
    meeting = Activity.objects.filter(network=network, kind="core_group_meeting").order_by("-starts_at").first()
    group = Group.objects.filter(network=network).order_by("pk").first()
    open_follow_ups = FollowUp.objects.filter(activity__network=network, done_at__isnull=True).count()
    a = f"{n}/activiteiten/{busiest.pk}"
    sent = Mailing.objects.filter(network=network, status="sent").order_by("pk").first()
    practice = Activity.objects.filter(network=network, table_session__isnull=False).first()
    draft = Mailing.objects.filter(network=network, status="draft").order_by("pk").first()
    return [
        Page("activities", f"{n}/activiteiten/"),
        Page("activities: past", f"{n}/activiteiten/?when=past"),
        Page("activities: past, middle page", f"{n}/activiteiten/?when=past&page={middle_page(past)}"),
        Page("activity detail (busiest)", f"{a}/"),
        Page("activity detail (partner contact)", f"{a}/", client="partner"),
        Page("activity edit", f"{a}/bewerken/"),
        Page("new activity", f"{n}/activiteiten/nieuw/"),
        Page("register someone", f"{a}/aanmelden/namens/"),
        Page("attendance (phone list)", f"{a}/aanwezigheid/"),
        Page("activity .ics", f"{a}/agenda.ics"),
        Page("open follow-ups", f"{n}/vervolgacties/"),
        Page("open follow-ups: middle page", f"{n}/vervolgacties/?page={middle_page(open_follow_ups)}"),
        Page("venues", f"{n}/locaties/"),
        Page("participation of a partner", f"{n}/deelname/organisatie/{partner.organisation_id}/"),
        Page("my activities (partner contact)", f"{n}/mijn-activiteiten/", client="partner"),
        Page("groups", f"{n}/groepen/"),
        Page("group detail", f"{n}/groepen/{group.pk}/"),
        Page("group edit", f"{n}/groepen/{group.pk}/bewerken/"),
        Page("kerngroep meetings", f"{n}/kerngroep/vergaderingen/"),
        Page("kerngroep meeting (chair)", f"{n}/kerngroep/vergaderingen/{meeting.pk}/", client="chair"),
        Page("praktijktafel: plan", f"{n}/activiteiten/{practice.pk}/praktijktafel/"),
        Page("praktijktafel: table cards", f"{n}/activiteiten/{practice.pk}/praktijktafel/tafelkaarten/"),
        Page("praktijktafel: results", f"{n}/activiteiten/{practice.pk}/praktijktafel/resultaten/"),
        Page("mailings", f"{n}/mailings/"),
        Page("mailing (sent, per recipient)", f"{n}/mailings/{sent.pk}/"),
        Page("mailing progress (htmx poll)", f"{n}/mailings/{sent.pk}/voortgang/", htmx=True),
        Page("mailing draft: preview", f"{n}/mailings/{draft.pk}/"),
        Page("mailing edit", f"{n}/mailings/{draft.pk}/bewerken/"),
        Page("new mailing", f"{n}/mailings/nieuw/"),
    ]


def _clients() -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    users = get_user_model().objects
    clients = {}
    for key, email in [
        ("coordinator", "bench-coordinator@spil.example"),
        ("chair", "bench-voorzitter@spil.example"),
        ("partner", "bench-partner@spil.example"),
        ("advisor", "bench-adviseur@spil.example"),
    ]:
        clients[key] = Client(HTTP_HOST=HOST)
        clients[key].force_login(users.get(email=email))
    clients["anonymous"] = Client(HTTP_HOST=HOST)
    return clients


def _get(client, page: Page) -> float:
    headers = {"HX-Request": "true"} if page.htmx else None
    started = time.perf_counter()
    response = client.get(page.url, headers=headers)
    elapsed = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise PageError(f"{page.name}: GET {page.url} answered {response.status_code}, not 200")
    return elapsed


class _QueryLog:
    def __init__(self):
        self.statements: list[tuple[str, tuple]] = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)


def _profile(client, page: Page) -> list[Query]:
    """The page's queries, each re-run on its own with all rows fetched (the true cost)."""
    from django.db import connection

    log = _QueryLog()
    with connection.execute_wrapper(log):
        _get(client, page)
    queries = []
    for sql, params in log.statements:
        timings = []
        if sql.lstrip().upper().startswith(("SELECT", "WITH")):
            for _ in range(3):
                with connection.cursor() as cursor:
                    started = time.perf_counter()
                    cursor.execute(sql, params)
                    cursor.fetchall()
                    timings.append((time.perf_counter() - started) * 1000)
        queries.append(Query(ms=min(timings) if timings else 0.0, sql=sql, params=params))
    return queries


@contextmanager
def _bench_urls():
    """Spil's URLs plus the trivial view, for as long as the measuring takes."""
    from django.conf import settings
    from django.urls import clear_url_caches

    folder = str(Path(__file__).resolve().parent)
    sys.path.insert(0, folder)
    previous = settings.ROOT_URLCONF
    settings.ROOT_URLCONF = "bench_urls"
    clear_url_caches()
    try:
        yield
    finally:
        settings.ROOT_URLCONF = previous
        clear_url_caches()
        sys.path.remove(folder)


def measure_pages(network, *, repeat: int = 9, seed: int = 0) -> Report:
    """Time every page `repeat` times, each right after the trivial view and /ping/, shuffled per round."""
    with _bench_urls():
        return _measure(network, repeat=repeat, seed=seed)


def _measure(network, *, repeat: int, seed: int) -> Report:
    clients = _clients()
    pages = bench_pages(network)
    ping = Page("ping", PING)
    trivial = Page("trivial view", TRIVIAL.format(slug=network.slug))
    for _ in range(3):
        _get(clients["coordinator"], ping)
        _get(clients["coordinator"], trivial)
    for page in pages:  # warm up: template loading, first-use caches
        _get(clients[page.client], page)
    rng = random.Random(seed)
    ping_samples: list[float] = []
    trivial_samples: list[float] = []
    samples: dict[str, list[float]] = defaultdict(list)
    for _ in range(repeat):
        order = list(pages)
        rng.shuffle(order)
        for page in order:
            ping_samples.append(_get(clients["coordinator"], ping))
            trivial_samples.append(_get(clients["coordinator"], trivial))
            samples[page.name].append(_get(clients[page.client], page))
    ping_ms = statistics.median(ping_samples)
    trivial_ms = statistics.median(trivial_samples)
    results = []
    for page in pages:
        result = PageResult(page=page, samples_ms=samples[page.name])
        result.ratio = result.median_ms / trivial_ms
        result.ping_ratio = result.median_ms / ping_ms
        result.queries = _profile(clients[page.client], page)
        results.append(result)
    return Report(ping_ms=ping_ms, trivial_ms=trivial_ms, results=results)


def explain(query: Query) -> str:
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
    with connection.cursor() as cursor:
        cursor.execute(prefix + query.sql, query.params)
        rows = cursor.fetchall()
    return "\n".join("      " + " | ".join(str(column) for column in row) for row in rows)


def compact_sql(sql: str, limit: int = 700) -> str:
    """The SQL with the column list of the outer SELECT left out, so that FROM, WHERE and ORDER BY show."""
    depth = 0
    upper = sql.upper()
    if upper.startswith("SELECT "):
        for index, char in enumerate(sql):
            depth += (char == "(") - (char == ")")
            if depth == 0 and upper.startswith(" FROM ", index):
                columns = sql[7:index]
                subqueries = "(SELECT" in columns.upper() or "COUNT(" in columns.upper() or "SUM(" in columns.upper()
                sql = f"SELECT …{' (with aggregates/subqueries)' if subqueries else ''}{sql[index:]}"
                break
    return sql if len(sql) <= limit else sql[:limit] + " …"


def print_report(report: Report, *, show_explain: bool) -> None:
    header = f"{'page':<36} {'median ms':>10} {'× trivial':>10} {'× ping':>7} {'queries':>8} {'sql ms':>7}"
    print(f"{header} {'slowest q ms':>13}")
    trivial_vs_ping = report.trivial_ms / report.ping_ms
    print(f"{'trivial view (empty page)':<36} {report.trivial_ms:>10.2f} {1:>10.1f} {trivial_vs_ping:>7.1f}")
    print(f"{'/ping/ (health check, reference)':<36} {report.ping_ms:>10.2f} {'':>10} {1:>7.1f}")
    for r in report.results:
        mark = "  <-- over target" if r.ratio > TARGET_RATIO else ""
        slowest = r.slowest.ms if r.slowest else 0.0
        print(
            f"{r.page.name:<36} {r.median_ms:>10.2f} {r.ratio:>10.1f} {r.ping_ratio:>7.1f} {len(r.queries):>8} "
            f"{r.sql_ms:>7.2f} {slowest:>13.2f}{mark}"
        )
    over = sorted((r for r in report.results if r.ratio > TARGET_RATIO), key=lambda r: -r.ratio)
    slow = [r for r in over if r.slowest and r.slowest.ms >= 1.0]
    print(f"\n{len(over)} of {len(report.results)} pages are over {TARGET_RATIO:g}× the trivial view.", end=" ")
    print(f"Queries of 1 ms or more on those pages ({'with plans' if show_explain else 'plans with --explain'}):")
    for r in slow:
        share = 100 * r.sql_ms / r.median_ms if r.median_ms else 0
        print(
            f"\n  {r.page.name} ({r.page.url}): {r.ratio:.1f}×, {len(r.queries)} queries, SQL {share:.0f}% of the time"
        )
        for query in sorted(r.queries, key=lambda q: -q.ms)[:3]:
            if query.ms < 1.0:
                break
            print(f"    {query.ms:.2f} ms: {compact_sql(query.sql)}")
            if show_explain:
                print(explain(query))
    worst = report.worst
    print(f"\nmax ratio: {worst.ratio:.1f}× the trivial view ({worst.page.name}); target ≤ {TARGET_RATIO:g}×")


# Database set-up --------------------------------------------------------------


def _admin_connection(url: str):
    import psycopg

    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    return psycopg.connect(admin_url, autocommit=True)


def _create_postgres(url: str) -> str:
    """Create the database named in the URL afresh and return its URL (spil_bench if none is named)."""
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/") or "spil_bench"
    if name in {"postgres", "template0", "template1"}:
        name = "spil_bench"
    with _admin_connection(url) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            if not name.startswith("spil_bench"):
                raise SystemExit(f"Database {name} exists; the benchmark only replaces databases named spil_bench*.")
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return urlunsplit(parts._replace(path=f"/{name}"))


def _drop_postgres(url: str) -> None:
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    with _admin_connection(url) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@contextmanager
def bench_database(database_url: str | None):
    """A fresh database for one benchmark run: a SQLite file in a temporary directory, or the PostgreSQL
    database named in the URL (created, and dropped afterwards), with Django set up for it. Production-like
    settings (no DEBUG) with the local defaults that need no secrets."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    data_dir = tempfile.TemporaryDirectory(prefix="spil-bench-")
    os.environ.update({"SPIL_TESTING": "1", "SPIL_DEBUG": "0", "SPIL_DATA_DIR": data_dir.name})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spil.settings")
    url = _create_postgres(database_url) if database_url else None
    if url:
        os.environ["SPIL_DATABASE_URL"] = url
    else:
        os.environ.pop("SPIL_DATABASE_URL", None)
    import django

    django.setup()
    from django.db import connections

    try:
        yield
    finally:
        connections.close_all()
        if url:
            _drop_postgres(url)
        data_dir.cleanup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=["demo", "region", "national"], default="national")
    parser.add_argument("--database-url", help="postgres://… : a database to create, use and drop (default SQLite)")
    parser.add_argument("--repeat", type=int, default=15, help="timed requests per page (default 15)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--explain", action="store_true", help="print the plan of the slowest queries")
    args = parser.parse_args(argv)

    with bench_database(args.database_url):
        return _run(args)


def _run(args) -> int:
    from django.core.management import call_command
    from django.db import connection

    from spil.demo.generate import generate

    try:
        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        migrated = time.perf_counter() - started
        generated = generate(size=args.size, seed=args.seed)
        if connection.vendor == "postgresql":
            # Autovacuum does this soon after a bulk load: statistics for the planner, and the
            # visibility map that lets covering indexes answer without reading the table.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        counts = ", ".join(f"{name} {number}" for name, number in sorted(generated.counts.items()))
        connection.ensure_connection()
        version = sqlite3.sqlite_version if connection.vendor == "sqlite" else connection.pg_version
        print(f"database: {connection.vendor} {version}; migrate {migrated:.1f} s")
        print(f"generate --size {args.size}: {generated.seconds:.1f} s ({counts})")
        print(f"network measured: /n/{generated.first.slug}/, {args.repeat} timed requests per page\n")
        report = measure_pages(generated.first, repeat=args.repeat, seed=args.seed)
        print_report(report, show_explain=args.explain)
    except PageError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
