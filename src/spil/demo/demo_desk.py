"""Demo data of the employer desk in 99vanGroot-Amsterdam: a duty roster, requests in every step (one past its
deadline), and a staff exchange with a proposed pair. Written directly, because the demo loads in one
transaction and the services own theirs."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from spil.core.workdays import NETHERLANDS, one_working_day_after
from spil.desk.exchange import pair_score
from spil.desk.models import (
    DutyShift,
    EventKind,
    ExchangeMatch,
    OfferKind,
    Request,
    RequestEvent,
    RequestStatus,
    Source,
    StaffOffer,
)
from spil.desk.selectors import region_for_postcode
from spil.desk.services import roster_days
from spil.partners.models import Partnership

# (days ago, kind, organisation, question, step reached)
REQUESTS = [
    (0, "staff_wanted", "Hotel Oosterdok", "Wij zoeken twee medewerkers voor de huishouding, 24 uur per week.", "new"),
    (
        1,
        "regulations",
        "Schildersbedrijf Van Vliet",
        "Welke loonkostensubsidie geldt voor iemand uit de banenafspraak?",
        "intake",
    ),
    (2, "inclusive_hiring", "Drukkerij De Letter", "Hoe maken wij onze vacatures toegankelijker?", "referred"),
    (6, "staff_wanted", "Bakkerij Het Volkoren", "Leerbaan in de bakkerij voor iemand zonder diploma.", "confirmed"),
    (20, "staff_surplus", "Evenementenbureau Amstel", "In de winter hebben wij vier mensen minder werk.", "closed"),
    (4, "other", "Fietsenmakerij De Spaak", "Kan iemand met ons meedenken over jobcarving?", "overdue"),
]


def _at(days_ago: int, hour: int) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    return datetime.combine(day, time(hour), tzinfo=NETHERLANDS)


def amsterdam(b, network, users) -> None:
    people = [users["backoffice"], users["wsp"], users["coordinator"]]
    DutyShift.objects.bulk_create(
        DutyShift(network=network, day=day, user=people[index % len(people)])
        for index, day in enumerate(roster_days(timezone.localdate(), 20))
    )
    wsp = Partnership.objects.get(network=network, organisation__kind="wsp").organisation
    for days_ago, kind, name, question, step in REQUESTS:
        _request(b, network, users, wsp, days_ago, kind, name, question, step)
    _exchange(network, users)


def _request(b, network, users, wsp, days_ago, kind, name, question, step) -> None:
    submitted = min(_at(days_ago, 9 + b.rng.randint(0, 6)), timezone.now() - timedelta(minutes=30))
    postcode = f"10{b.rng.randint(11, 99)} {b.rng.choice(['AB', 'KL', 'RT'])}"
    request = Request(
        network=network,
        kind=kind,
        description=question,
        organisation_name=name,
        contact_name=b.rng.choice(["Fatima El Idrissi", "Peter de Boer", "Linda Kok", "Sem Bakker"]),
        email=f"info@{name.split()[-1].lower()}.example",
        postcode=postcode,
        region=region_for_postcode(postcode),
        source=Source.PUBLIC,
        submitted_at=submitted,
        due_at=one_working_day_after(submitted),
        on_duty=users["backoffice"],
    )
    events = [(EventKind.SUBMITTED, submitted, None, "")]
    if step == "overdue":
        request.escalated_at = request.due_at
        events.append((EventKind.ESCALATED, request.due_at, None, ""))
    if step in ("intake", "referred", "confirmed", "closed"):
        answered = submitted + timedelta(hours=3)
        request.first_response_at = answered
        request.response_seconds = 3 * 3600
        request.answered_in_time = True
        request.handler = users["backoffice"]
        request.question_behind = "De werkgever wil vooral weten wat het kost en wie helpt op de werkvloer."
        request.status = RequestStatus.IN_PROGRESS
        events.append((EventKind.INTAKE, answered, users["backoffice"], request.question_behind))
        if step != "intake":
            request.referred_to = wsp
            request.referred_at = answered + timedelta(hours=1)
            request.referral_note = "Werkgever is bereikbaar in de ochtend; graag een bezoek plannen."
            request.status = RequestStatus.REFERRED
            events.append((EventKind.REFERRED, request.referred_at, users["backoffice"], request.referral_note))
        if step in ("confirmed", "closed"):
            request.confirmed_at = request.referred_at + timedelta(hours=5)
            request.confirmed_by = users["wsp"]
            request.confirm_seconds = 5 * 3600
            request.confirmed_in_time = True
            request.status = RequestStatus.CONFIRMED
            events.append((EventKind.CONFIRMED, request.confirmed_at, users["wsp"], ""))
        if step == "closed":
            request.closed_at = request.confirmed_at + timedelta(days=5)
            request.outcome = "Twee medewerkers tijdelijk geplaatst bij een collega-werkgever via de uitwisseling."
            request.status = RequestStatus.CLOSED
            events.append((EventKind.CLOSED, request.closed_at, users["backoffice"], request.outcome))
    request.save()
    RequestEvent.objects.bulk_create(
        RequestEvent(request=request, kind=kind, at=at, actor=actor, note=note) for kind, at, actor, note in events
    )


def _exchange(network, users) -> None:
    partners = list(
        Partnership.objects.filter(network=network, organisation__kind="employer")
        .select_related("organisation")
        .order_by("pk")[:2]
    )
    if len(partners) < 2:
        return
    today = timezone.localdate()
    surplus = StaffOffer.objects.create(
        network=network,
        organisation=partners[0].organisation,
        kind=OfferKind.SURPLUS,
        tasks="inpakken, orderpicken",
        people=3,
        starts_on=today + timedelta(days=14),
        ends_on=today + timedelta(days=90),
        postcode=partners[0].organisation.postcode or "1011 AB",
        note="Rustige periode na de feestdagen.",
        created_by=users["backoffice"],
    )
    need = StaffOffer.objects.create(
        network=network,
        organisation=partners[1].organisation,
        kind=OfferKind.NEED,
        tasks="orderpicken",
        people=2,
        starts_on=today + timedelta(days=21),
        ends_on=today + timedelta(days=60),
        postcode=partners[1].organisation.postcode or "1011 AB",
        created_by=users["partner"],
    )
    for offer in (surplus, need):
        offer.region = region_for_postcode(offer.postcode)
        offer.save(update_fields=["region"])
    score, explanation = pair_score(surplus, need)
    ExchangeMatch.objects.create(surplus=surplus, need=need, score=score, explanation=explanation)
