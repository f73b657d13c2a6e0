"""Fill a cast's network with n rows of everything a page lists."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from spil.accounts.models import Membership
from spil.activities import services as activity_services
from spil.activities import table_services
from spil.activities.models import (
    Activity,
    FollowUp,
    Group,
    GroupUpdate,
    Segment,
    Speaker,
    Table,
    TableSession,
    Venue,
)
from spil.communication.models import Delivery, Mailing
from spil.knowledge.models import SignpostEntry
from spil.networks.models import Body, BodyKind, Cooperation, Seat, Stakeholder
from spil.partners.models import (
    AdmissionDecision,
    AdmissionOpinion,
    Contact,
    Contribution,
    Organisation,
    Partnership,
    Status,
)
from tests.cast import add_ambition, add_result
from tests.matching.candidate_factories import add_candidate_rows
from tests.matching.cohort_factories import add_cohort_rows
from tests.matching.opportunity_factories import add_matching_rows
from tests.matching.speedmeet_factories import add_speedmeet_rows
from tests.outreach.factories import add_outreach_rows


def add_rows(cast, n: int) -> None:
    network = cast.network
    first_activity = _activity(network, "Eerste activiteit", 1)
    first_group = Group.objects.create(network=network, name="Eerste groep", lead=cast.partnership_a.main_contact)
    starts = timezone.now() + timedelta(days=5)
    first_mailing = Mailing.objects.create(
        network=network,
        kind="newsletter",
        subject="Nieuws",
        body="Beste {{ naam }}",
        audience="active_partners",
        status="sent",
    )
    Mailing.objects.create(
        network=network, kind="newsletter", subject="Concept", body="Beste {{ naam }}", audience="active_partners"
    )
    practice = _activity(network, "Praktijktafel", 4, kind="practice_table")
    tables = table_services.session_create(activity=practice, session=TableSession(rounds=2, seats_per_table=6))
    first_meeting = activity_services.meeting_create(
        meeting=Activity(network=network, title="Kerngroep", starts_at=starts, ends_at=starts), created_by=None
    )
    core_group = Body.objects.get(network=network, kind=BodyKind.CORE_GROUP)
    _first_desk_rows(cast)
    for i in range(n):
        org = Organisation.objects.create(name=f"Werkgever {i:03d}", kvk_number=f"{50000000 + i}", postcode="7511 AA")
        contact = Contact.objects.create(organisation=org, name=f"Persoon {i}", email=f"p{i}@example.org")
        status = Status.ACTIVE if i % 2 else Status.INACTIVE
        partnership = Partnership.objects.create(
            network=network, organisation=org, main_contact=contact, status=status, joined_on=date(2024, 1, 1)
        )
        ambition = add_ambition(partnership, kind="jobs", target=5, target_date=date(2027, 1, 1))
        add_result(ambition, number=1, date=date(2026, 1, 1))
        Contribution.objects.create(partnership=partnership, year=2026, amount=500)
        applicant_org = Organisation.objects.create(name=f"Aanmelder {i:03d}", postcode="7511 AB")
        applicant_contact = Contact.objects.create(organisation=applicant_org, name=f"Aanvrager {i}", email="a@b.nl")
        applicant = Partnership.objects.create(
            network=network,
            organisation=applicant_org,
            main_contact=applicant_contact,
            status=Status.APPLICANT,
            applied_at=timezone.now() - timedelta(days=i),
            motivation="Wij willen meedoen.",
        )
        AdmissionOpinion.objects.create(partnership=applicant, author=cast.core_member, opinion="in_favour")
        decided_org = Organisation.objects.create(name=f"Besloten {i:03d}", postcode="7511 AC")
        decided = Partnership.objects.create(
            network=network, organisation=decided_org, status=Status.ADMITTED, applied_at=timezone.now()
        )
        AdmissionDecision.objects.create(partnership=decided, decided_by=cast.chair, decision="admitted", reason="Ok")
        Seat.objects.create(body=core_group, person_name=f"Lid {i}", organisation_name=org.name)
        person = get_user_model().objects.create_user(email=f"lid{i}@example.org")
        Membership.objects.create(user=person, network=network, role="partner_contact", organisation=org)
        Stakeholder.objects.create(network=network, name=f"Stakeholder {i}", kind="municipality")
        Cooperation.objects.create(network=network, partner_name=f"Netwerk {i}", level=1 + i % 4)
        # Rows on partner A's own page too: contacts, ambitions with results, contributions.
        Contact.objects.create(organisation=cast.org_a, name=f"Collega {i}", email=f"c{i}@example.org")
        own = add_ambition(cast.partnership_a, kind="learning_jobs", target=3, target_date=date(2027, 6, 1))
        add_result(own, number=1, date=date(2026, 2, 1))
        Contribution.objects.create(partnership=cast.partnership_a, year=2000 + i, amount=250)
        _activity_rows(cast, i, first_activity)
        _group_rows(cast, i, first_group, first_meeting)
        _table_rows(tables, i)
        Delivery.objects.create(mailing=first_mailing, email=f"p{i}@example.org", name=f"Persoon {i}", status="sent")
        Mailing.objects.create(network=network, subject=f"Mailing {i}", body="Hallo", audience="less_active")
        _desk_rows(cast, i, org)
        _signpost_rows(network, i)
    table_services.session_plan(session=tables)
    add_outreach_rows(cast, n)
    add_matching_rows(cast, n)
    add_candidate_rows(cast, n)
    add_cohort_rows(cast, n)
    add_speedmeet_rows(cast, n)
    _export_rows(cast)


def _export_rows(cast) -> None:
    """A finished XLSX export of the candidate list (all n candidates in it), the coordinator's."""
    from spil.matching.export_job_services import export_job_create, export_run

    membership = Membership.objects.select_related("network", "organisation").get(
        user=cast.coordinator, network=cast.network
    )
    job = export_job_create(membership=membership, kind="candidates", filters={"q": ""})
    export_run(job_id=job.pk)


def _signpost_rows(network, i: int) -> None:
    """A current and an overdue signpost entry, each in a labour-market region."""
    from spil.networks.models import LabourMarketRegion

    region = LabourMarketRegion.objects.order_by("pk")[i % 35]
    for name, checked in ((f"Initiatief {i:03d}", timezone.localdate()), (f"Oud initiatief {i:03d}", date(2020, 1, 1))):
        SignpostEntry.objects.create(
            network=network,
            name=name,
            audience="Werkzoekenden in de regio",
            offer="Begeleiding naar werk",
            theme="coaching" if i % 2 else "learning",
            region=region,
            website="https://example.org",
            last_checked_on=checked,
        )


def _activity(network, title: str, days: int, **extra) -> Activity:
    starts = timezone.now() + timedelta(days=days)
    venue = Venue.objects.create(network=network, name=f"Locatie {title}", room="Zaal 1")
    extra.setdefault("kind", "workshop")
    activity = Activity(network=network, title=title, starts_at=starts, ends_at=starts + timedelta(hours=2), **extra)
    activity.venue = venue
    return activity_services.activity_save(activity=activity)


def _activity_rows(cast, i: int, first_activity: Activity) -> None:
    """Activities (coming and past) with registrations, and rows on the first activity's own page."""
    network = cast.network
    activity = _activity(network, f"Activiteit {i}", 2 + i, capacity=100)
    _activity(network, f"Geweest {i}", -30 - i)
    for target in (activity, first_activity):
        activity_services.registration_create(
            activity_id=target.pk,
            name=f"Collega {i}",
            email=f"c{i}@example.org",
            organisation=cast.org_a,
        )
    activity_services.registration_create(
        activity_id=activity.pk, name="Carla", email=cast.coordinator.email, user=cast.coordinator
    )
    segment = Segment.objects.create(activity=first_activity, name=f"Doelgroep {i}", seats=1)
    activity_services.registration_create(
        activity_id=first_activity.pk, name=f"Werkzoekende {i}", email=f"w{i}@example.org", segment_id=segment.pk
    )
    Speaker.objects.create(activity=first_activity, name=f"Spreker {i}", organisation="UWV", topic="Regio in beeld")
    FollowUp.objects.create(
        activity=activity, description=f"Nabellen {i}", owner=cast.coordinator, due_date=date(2026, 1, 1) + timedelta(i)
    )
    FollowUp.objects.create(
        activity=first_activity, description=f"Verslag {i}", owner=cast.chair, due_date=date(2026, 2, 1)
    )


def _group_rows(cast, i: int, first_group: Group, first_meeting: Activity) -> None:
    member = Contact.objects.create(organisation=cast.org_b, name=f"Groepslid {i}", email=f"g{i}@example.org")
    group = Group.objects.create(network=cast.network, name=f"Groep {i:03d}", lead=member)
    group.members.add(member)
    first_group.members.add(member)
    update = GroupUpdate.objects.create(group=group, text=f"Update {i}")
    GroupUpdate.objects.create(group=first_group, text=f"Update {i}", author=cast.coordinator)
    activity_services.agenda_item_add(meeting=first_meeting, section="other", title=f"Punt {i}")
    first_meeting.agenda_items.create(section="group_updates", title=f"Update {i}", group_update=update)
    activity_services.follow_up_create(
        follow_up=FollowUp(
            activity=first_meeting, description=f"Actie {i}", owner=cast.chair, due_date=date(2027, 1, 1)
        )
    )
    starts = timezone.now() - timedelta(days=30 + i)
    activity_services.meeting_create(
        meeting=Activity(network=cast.network, title=f"Kerngroep {i}", starts_at=starts, ends_at=starts),
        created_by=None,
    )
    _activity(cast.network, f"Groepsbijeenkomst {i}", 3 + i, group=first_group, audience="group")


def _table_rows(session, i: int) -> None:
    table = table_services.table_save(
        table=Table(session=session, brought_by=f"Gemeente {i}", question=f"Vraag {i}?", summary="Samengevat"),
        hosts=[(f"Wethouder {i}", f"Gemeente {i}"), (f"Kerngroeplid {i}", f"Werkgever {i}")],
    )
    table.solutions = f"Oplossing {i}\nNog een oplossing"
    table.save()
    for number in range(3):
        table_services.guest_add(session=session, name=f"Gast {i}-{number}", organisation=f"Bedrijf {i}-{number}")


def _first_desk_rows(cast) -> None:
    """A request of partner A referred to the WSP, and partner A's open need for staff."""
    from spil.desk import exchange
    from spil.desk import services as desk_services

    _desk_request(cast, cast.org_a, refer=True)
    today = timezone.localdate()
    need = {"kind": "need", "tasks": "inpakken, orderpicken", "people": 2, "postcode": "3811 AB"}
    exchange.staff_offer_create(
        network=cast.network,
        organisation=cast.org_a,
        data={**need, "starts_on": today + timedelta(days=7), "ends_on": today + timedelta(days=60)},
        user=cast.partner_a,
    )
    desk_services.duty_roster_save(
        network=cast.network, assignments={desk_services.roster_days(timezone.localdate(), 1)[0]: cast.backoffice.pk}
    )


def _desk_request(cast, organisation, *, refer: bool):
    from spil.desk import services as desk_services

    data = {
        "kind": "staff_wanted",
        "description": "Wij zoeken mensen.",
        "organisation_name": organisation.name,
        "contact_name": "Iemand",
        "email": "vraag@example.org",
        "postcode": "3811 AB",
    }
    request = desk_services.request_submit(network=cast.network, data=data, organisation=organisation)
    desk_services.request_intake(request_id=request.pk, user=cast.backoffice, question_behind="Vaste kracht")
    if refer:
        desk_services.request_refer(request_id=request.pk, user=cast.backoffice, organisation=cast.wsp, note="Bellen")
    return request


def _desk_rows(cast, i: int, org) -> None:
    """Requests (one of them partner A's, one referred to the WSP), open offers and proposed pairs."""
    from spil.desk import exchange

    _desk_request(cast, cast.org_a if i % 2 else org, refer=bool(i % 3))
    surplus = {"kind": "surplus", "tasks": f"inpakken, taak {i}", "people": 1, "postcode": "3812 AB"}
    exchange.staff_offer_create(
        network=cast.network,
        organisation=org,
        data={**surplus, "starts_on": timezone.localdate(), "ends_on": timezone.localdate() + timedelta(days=30)},
        user=cast.backoffice,
    )
