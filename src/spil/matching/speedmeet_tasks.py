"""Background work of a speedmeet: after the plan is confirmed, every employer and every advisor whose candidates
take part gets the own schedule by email. Employers read references, and a name only where the candidate
consented to share contact details with them; each such mail is written to the access log."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def _render(template: str, context: dict) -> str:
    with translation.override("nl"):
        return render_to_string(template, {**context, "site_url": settings.SITE_URL})


@task
def mail_schedules(speedmeet_id: int) -> int:
    """Mail each employer and each advisor the confirmed meetings; returns the number of mails."""
    from spil.accounts.models import Membership, Role

    from .access import log_access
    from .candidate_selectors import reference
    from .models import Consent, ConsentPurpose, Speedmeet, SpeedmeetCandidate, SpeedmeetInterest, SpeedmeetMeeting

    speedmeet = Speedmeet.objects.select_related("activity__network").filter(pk=speedmeet_id).first()
    if speedmeet is None or speedmeet.confirmed_at is None:
        return 0
    activity, network = speedmeet.activity, speedmeet.activity.network
    meetings = list(
        SpeedmeetMeeting.objects.filter(speedmeet=speedmeet)
        .select_related("candidate__organisation", "organisation", "opportunity", "match")
        .order_by("slot", "table", "pk")
    )
    for meeting in meetings:
        meeting.at = speedmeet.slot_start(meeting.slot)
    # (candidate, employer) pairs with a consent in force to share contact details.
    shared_pairs = set(
        Consent.objects.in_force()
        .filter(
            purpose=ConsentPurpose.SHARE_CONTACT,
            network=network,
            candidate_id__in=[m.candidate_id for m in meetings],
        )
        .values_list("candidate_id", "employer_id")
    )
    sent = 0
    with translation.override("nl"):
        choose_url = settings.SITE_URL + reverse("matching:speedmeet_choose", args=[network.slug, activity.pk])
        organise_url = settings.SITE_URL + reverse("matching:speedmeet", args=[network.slug, activity.pk])
    by_employer = defaultdict(list)
    for meeting in meetings:
        by_employer[meeting.organisation].append(meeting)
    tapped = defaultdict(set)
    for organisation_id, email in SpeedmeetInterest.objects.filter(speedmeet=speedmeet, wants=True).values_list(
        "organisation_id", "by__email"
    ):
        tapped[organisation_id].add(email)
    registered = defaultdict(set)
    for organisation_id, email in activity.registrations.filter(status="registered").values_list(
        "organisation_id", "email"
    ):
        registered[organisation_id].add(email)
    for organisation, own in by_employer.items():
        shared = {m.candidate_id for m in own if (m.candidate_id, organisation.pk) in shared_pairs}
        lines = [
            {"meeting": m, "label": str(m.candidate) if m.candidate_id in shared else reference(m.candidate_id)}
            for m in own
        ]
        recipients = sorted(address for address in tapped[organisation.pk] | registered[organisation.pk] if address)
        if not recipients:
            continue
        body = _render(
            "matching/speedmeet_mail_employer.txt",
            {"organisation": organisation, "activity": activity, "lines": lines, "url": choose_url},
        )
        send_mail(f"Uw gesprekken op de speedmeet {activity.title}", body, None, recipients)
        if shared:
            log_access(
                user=None,
                network=network,
                candidates=sorted(shared),
                action="view",
                reason=f"Speedmeetrooster gemaild aan {organisation.name}"[:200],
            )
        sent += 1
    by_partner = defaultdict(list)
    for meeting in meetings:
        by_partner[meeting.candidate.organisation_id].append(meeting)
    presenters = defaultdict(set)
    for organisation_id, email in SpeedmeetCandidate.objects.filter(speedmeet=speedmeet).values_list(
        "candidate__organisation_id", "added_by__email"
    ):
        presenters[organisation_id].add(email)
    for organisation_id, email in Membership.objects.filter(
        network=network, role=Role.PUBLIC_ADVISOR, organisation_id__in=list(by_partner)
    ).values_list("organisation_id", "user__email"):
        presenters[organisation_id].add(email)
    for organisation_id, own in by_partner.items():
        recipients = sorted(address for address in presenters[organisation_id] if address)
        if not recipients:
            continue
        lines = [{"meeting": m, "shared": (m.candidate_id, m.organisation_id) in shared_pairs} for m in own]
        body = _render(
            "matching/speedmeet_mail_advisor.txt", {"activity": activity, "lines": lines, "url": organise_url}
        )
        send_mail(f"Speedmeet {activity.title}: het rooster van uw kandidaten", body, None, recipients)
        sent += 1
    return sent
