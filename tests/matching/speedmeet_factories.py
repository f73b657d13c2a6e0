"""Speedmeets for tests: an activity of kind speedmeet with its rounds, registered employers, presented
candidates and their marks."""

from datetime import timedelta

from django.utils import timezone

from spil.activities.models import Activity, Registration
from spil.matching.models import Speedmeet, SpeedmeetCandidate, SpeedmeetEmployer, SpeedmeetInterest


def make_speedmeet(cast, *, slots=4, tables=None, registered=("org_a",), title="Drive-in Amersfoort"):
    starts = (timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)
    activity = Activity.objects.create(
        network=cast.network,
        kind="speedmeet",
        title=title,
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        audience="all_partners",
    )
    speedmeet = Speedmeet.objects.create(
        activity=activity, first_slot_at=starts, slot_minutes=10, slots=slots, tables=tables
    )
    for name in registered:
        register(cast, activity, getattr(cast, name))
    return speedmeet


def register(cast, activity, organisation, email=None):
    person = {cast.org_a.pk: cast.partner_a, cast.org_b.pk: cast.partner_b}.get(organisation.pk)
    email = email or (person.email if person else f"info{organisation.pk}@example.org")
    return Registration.objects.create(
        activity=activity,
        name=f"Contact {organisation.name}",
        email=email,
        organisation=organisation,
        user=person,
        status="registered",
        queued_at=timezone.now(),
    )


def present(cast, speedmeet, candidate, **extra) -> SpeedmeetCandidate:
    extra.setdefault("added_by", cast.wsp_advisor)
    order = SpeedmeetCandidate.objects.filter(speedmeet=speedmeet).count() + 1
    return SpeedmeetCandidate.objects.create(speedmeet=speedmeet, candidate=candidate, order=order, **extra)


def mark(speedmeet, candidate, organisation, wants=True, by=None) -> SpeedmeetInterest:
    return SpeedmeetInterest.objects.create(
        speedmeet=speedmeet, candidate=candidate, organisation=organisation, wants=wants, by=by
    )


def add_speedmeet_rows(cast, n: int) -> None:
    """A speedmeet with n presented candidates marked yes by partner A and no by partner B, n more registered
    employers who each want one candidate, and a plan: rows on the organiser's and the employer's page."""
    from spil.matching.speedmeet_services import plan_make
    from spil.partners.models import Organisation
    from tests.matching.candidate_factories import add_consent, make_candidate

    speedmeet = make_speedmeet(cast, slots=max(n, 2), registered=("org_a", "org_b"))
    speedmeet.activity.ends_at = speedmeet.ends_at + timedelta(minutes=10)
    speedmeet.activity.save(update_fields=["ends_at"])
    for i in range(n):
        candidate = make_candidate(
            cast,
            first_name=f"Speed{i}",
            last_name=f"Kandidaat{i:03d}",
            tasks=["Afwassen", f"Speedtaak {i}"],
            video_url="https://video.example/pitch",
        )
        if i % 2:
            add_consent(cast, candidate, "video")
        present(cast, speedmeet, candidate)
        mark(speedmeet, candidate, cast.org_a, True, cast.partner_a)
        mark(speedmeet, candidate, cast.org_b, False, cast.partner_b)
        employer = Organisation.objects.filter(name=f"Werkgever {i:03d}").first()
        if employer is not None:
            register(cast, speedmeet.activity, employer)
            SpeedmeetEmployer.objects.create(speedmeet=speedmeet, organisation=employer, from_slot=1 + i % 2)
            mark(speedmeet, candidate, employer, True)
    plan_make(speedmeet=speedmeet, user=cast.coordinator)
