"""Synthetic desk data for `spil generate`: five requests per organisation (50,000 at national size) over the
past year with their steps, a duty roster, and open staff-exchange offers with proposed pairs.

Response times differ per network on purpose (seed 004: they differ strongly per region), so the report has
something to show.
"""

from datetime import timedelta

from spil.core.workdays import one_working_day_after
from spil.desk.models import (
    DutyShift,
    EventKind,
    ExchangeMatch,
    OfferKind,
    Request,
    RequestEvent,
    RequestKind,
    RequestStatus,
    Source,
    StaffOffer,
)
from spil.desk.selectors import region_for_postcode
from spil.desk.services import roster_days

PER_ORGANISATION = 5
TASKS = ["inpakken", "orderpicken", "schoonmaken", "groenonderhoud", "klantenservice", "administratie", "lassen"]


def generate_desk(gen) -> None:
    rng, now = gen.rng, gen.now
    by_network: dict[int, list] = {}
    for organisation, network_index in zip(gen.organisations, gen.org_network, strict=True):
        by_network.setdefault(network_index, []).append(organisation)
    regions = {}
    requests, steps = [], []
    handlers = [gen.bench["backoffice"], gen.bench["coordinator"]]
    for network_index, organisations in by_network.items():
        network = gen.networks[network_index]
        wsp = organisations[0]
        employers = organisations[1:] or organisations
        speed = rng.choice([2, 6, 12, 30])  # typical hours to a first answer in this network
        for _ in range(PER_ORGANISATION * len(organisations)):
            organisation = rng.choice(employers)
            prefix = organisation.postcode[:2]
            if prefix not in regions:
                regions[prefix] = region_for_postcode(organisation.postcode)
            submitted = now - timedelta(minutes=rng.randint(10, 365 * 24 * 60))
            due = one_working_day_after(submitted)
            request = Request(
                network_id=network.pk,
                kind=rng.choice(RequestKind.values),
                description="Wij zoeken iemand voor eenvoudig werk in de productie.",
                organisation_name=organisation.name,
                organisation_id=organisation.pk,
                contact_name="Contactpersoon",
                email=f"loket{organisation.pk}@example.org",
                postcode=organisation.postcode,
                region=regions[prefix],
                source=rng.choice(Source.values),
                submitted_at=submitted,
                due_at=due,
            )
            age = now - submitted
            if age > timedelta(hours=2) or rng.random() < 0.5:
                answered = submitted + timedelta(hours=rng.expovariate(1 / speed))
                if answered < now:
                    request.first_response_at = answered
                    request.response_seconds = int((answered - submitted).total_seconds())
                    request.answered_in_time = answered <= due
                    request.handler = rng.choice(handlers)
                    request.question_behind = "De werkgever zoekt eigenlijk een leerbaan."
                    request.status = RequestStatus.IN_PROGRESS
                    steps.append((EventKind.INTAKE, answered))
                    if rng.random() < 0.5:
                        request.referred_to_id = wsp.pk
                        request.referred_at = answered + timedelta(hours=1)
                        request.referral_note = "Graag contact opnemen."
                        request.status = RequestStatus.REFERRED
                        if age > timedelta(days=3) and rng.random() < 0.8:
                            confirmed = request.referred_at + timedelta(hours=rng.expovariate(1 / 20))
                            request.confirmed_at = confirmed
                            request.confirm_seconds = int((confirmed - request.referred_at).total_seconds())
                            request.confirmed_in_time = confirmed <= one_working_day_after(request.referred_at)
                            request.status = RequestStatus.CONFIRMED
                    if age > timedelta(days=14) and rng.random() < 0.7:
                        request.status = RequestStatus.CLOSED
                        request.closed_at = answered + timedelta(days=7)
                        request.outcome = "Kandidaat voorgesteld."
            requests.append(request)
    requests = gen.bulk(Request, requests)
    events = []
    for request in requests:
        events.append(RequestEvent(request_id=request.pk, kind=EventKind.SUBMITTED, at=request.submitted_at))
        if request.first_response_at:
            events.append(RequestEvent(request_id=request.pk, kind=EventKind.INTAKE, at=request.first_response_at))
        if request.closed_at:
            events.append(RequestEvent(request_id=request.pk, kind=EventKind.CLOSED, at=request.closed_at))
    gen.bulk(RequestEvent, events)
    _roster_and_exchange(gen, by_network)


def _roster_and_exchange(gen, by_network) -> None:
    rng, today = gen.rng, gen.today
    first = gen.networks[0]
    gen.bulk(
        DutyShift,
        [
            DutyShift(
                network_id=first.pk, day=day, user=rng.choice([gen.bench["backoffice"], gen.bench["coordinator"]])
            )
            for day in roster_days(today, 20)
        ],
    )
    offers = []
    for network_index, organisations in by_network.items():
        for organisation in organisations[1 : 1 + max(2, len(organisations) // 20)]:
            start = today + timedelta(days=rng.randint(0, 60))
            offers.append(
                StaffOffer(
                    network_id=gen.networks[network_index].pk,
                    organisation_id=organisation.pk,
                    kind=rng.choice(OfferKind.values),
                    tasks=", ".join(sorted(rng.sample(TASKS, 2))),
                    people=rng.randint(1, 4),
                    starts_on=start,
                    ends_on=start + timedelta(days=rng.randint(14, 90)),
                    postcode=organisation.postcode,
                )
            )
    offers = gen.bulk(StaffOffer, offers)
    matches = []
    surplus = [offer for offer in offers if offer.kind == OfferKind.SURPLUS]
    needs = [offer for offer in offers if offer.kind == OfferKind.NEED]
    for need in needs:
        for offer in surplus:
            if offer.network_id == need.network_id and offer.task_set() & need.task_set():
                matches.append(ExchangeMatch(surplus=offer, need=need, score=0.5, explanation="Gedeelde taken"))
    gen.bulk(ExchangeMatch, matches[:5000])
