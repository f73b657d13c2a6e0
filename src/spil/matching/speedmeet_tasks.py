"""Background work of a speedmeet: after the plan is confirmed, every employer and every advisor whose candidates
take part gets the own schedule by email.

Employers read references, and a name only as `speedmeet_selectors.named_candidate_ids` allows (an introduction
with them and a consent in force to share contact details with them). An advisor's mail names only the
candidates the recipient may see now (`scope_candidates`), and goes only to current members of the network.
Every name in a mail is written to the access log."""

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .match_tasks import _render


@task
def mail_schedules(speedmeet_id: int) -> int:
    """Mail each employer and each advisor the confirmed meetings; returns the number of mails."""
    from .models import Speedmeet, SpeedmeetMeeting

    speedmeet = Speedmeet.objects.select_related("activity__network").filter(pk=speedmeet_id).first()
    if speedmeet is None or speedmeet.confirmed_at is None:
        return 0
    activity, network = speedmeet.activity, speedmeet.activity.network
    meetings = list(
        SpeedmeetMeeting.objects.filter(speedmeet=speedmeet)
        .select_related("candidate__organisation", "organisation", "opportunity", "match__opportunity")
        .order_by("slot", "table", "pk")
    )
    for meeting in meetings:
        meeting.at = speedmeet.slot_start(meeting.slot)
    with translation.override("nl"):
        choose_url = settings.SITE_URL + reverse("matching:speedmeet_choose", args=[network.slug, activity.pk])
        organise_url = settings.SITE_URL + reverse("matching:speedmeet", args=[network.slug, activity.pk])
    return _mail_employers(speedmeet, meetings, choose_url) + _mail_advisors(speedmeet, meetings, organise_url)


def _mail_employers(speedmeet, meetings, url: str) -> int:
    from .access import log_access
    from .candidate_selectors import reference
    from .models import AccessAction, SpeedmeetInterest
    from .speedmeet_selectors import named_candidate_ids

    activity, network = speedmeet.activity, speedmeet.activity.network
    by_employer = defaultdict(list)
    for meeting in meetings:
        by_employer[meeting.organisation].append(meeting)
    addresses = defaultdict(set)
    for organisation_id, email in SpeedmeetInterest.objects.filter(speedmeet=speedmeet, wants=True).values_list(
        "organisation_id", "by__email"
    ):
        addresses[organisation_id].add(email)
    for organisation_id, email in activity.registrations.filter(status="registered").values_list(
        "organisation_id", "email"
    ):
        addresses[organisation_id].add(email)
    sent = 0
    for organisation, own in by_employer.items():
        recipients = sorted(address for address in addresses[organisation.pk] if address)
        if not recipients:
            continue
        named = named_candidate_ids(own, network_id=network.pk, organisation_id=organisation.pk)
        with translation.override("nl"):
            lines = [
                {"meeting": m, "label": str(m.candidate) if m.candidate_id in named else reference(m.candidate_id)}
                for m in own
            ]
            subject = _("Uw gesprekken op de speedmeet %(title)s") % {"title": activity.title}
            reason = _("Contactgegevens: naam in speedmeetrooster gemaild aan %(organisation)s") % {
                "organisation": organisation.name
            }
        body = _render(
            "matching/speedmeet_mail_employer.txt",
            {"organisation": organisation, "activity": activity, "lines": lines, "url": url},
        )
        send_mail(subject, body, None, recipients)
        if named:
            log_access(user=None, network=network, candidates=sorted(named), action=AccessAction.VIEW, reason=reason)
        sent += 1
    return sent


def _mail_advisors(speedmeet, meetings, url: str) -> int:
    """One mail per person who presented a candidate or advises for a candidate's organisation, while a member
    of the network, with the meetings of those organisations' candidates that person may see now."""
    from spil.accounts.models import Membership, Role
    from spil.core.permissions import scope_candidates

    from .access import log_access
    from .models import AccessAction, Candidate, Consent, ConsentPurpose, SpeedmeetCandidate

    activity, network = speedmeet.activity, speedmeet.activity.network
    candidate_organisations = {m.candidate.organisation_id for m in meetings}
    organisations_of = defaultdict(set)  # user id → the candidates' organisations the user mails about
    for organisation_id, user_id in SpeedmeetCandidate.objects.filter(
        speedmeet=speedmeet, added_by__isnull=False
    ).values_list("candidate__organisation_id", "added_by_id"):
        organisations_of[user_id].add(organisation_id)
    for organisation_id, user_id in Membership.objects.filter(
        network=network, role=Role.PUBLIC_ADVISOR, organisation_id__in=candidate_organisations
    ).values_list("organisation_id", "user_id"):
        organisations_of[user_id].add(organisation_id)
    memberships = (
        Membership.objects.filter(network=network, user_id__in=list(organisations_of), user__is_active=True)
        .select_related("user", "network")
        .order_by("user__email", "pk")
    )
    shared_pairs = set(
        Consent.objects.in_force()
        .filter(
            purpose=ConsentPurpose.SHARE_CONTACT,
            network=network,
            candidate_id__in=sorted({m.candidate_id for m in meetings}),
        )
        .values_list("candidate_id", "employer_id")
    )
    in_play = Candidate.objects.filter(pk__in=sorted({m.candidate_id for m in meetings}))
    sent = 0
    for membership in memberships:
        if not membership.user.email:
            continue
        visible = set(scope_candidates(membership, in_play).values_list("pk", flat=True))
        own = [
            m
            for m in meetings
            if m.candidate_id in visible and m.candidate.organisation_id in organisations_of[membership.user_id]
        ]
        if not own:
            continue
        lines = [{"meeting": m, "shared": (m.candidate_id, m.organisation_id) in shared_pairs} for m in own]
        body = _render("matching/speedmeet_mail_advisor.txt", {"activity": activity, "lines": lines, "url": url})
        with translation.override("nl"):
            subject = _("Speedmeet %(title)s: het rooster van uw kandidaten") % {"title": activity.title}
            reason = _("Speedmeetrooster gemaild")
        send_mail(subject, body, None, [membership.user.email])
        log_access(
            user=membership.user,
            network=network,
            candidates=sorted({m.candidate_id for m in own}),
            action=AccessAction.VIEW,
            reason=reason,
        )
        sent += 1
    return sent
