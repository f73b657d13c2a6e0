"""Background work of the match pipeline: the daily sweep that marks sustainable placements, and the emails
when a match is proposed to an employer and when the employer answers."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import default_task_backend, task
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

SWEEP_EVERY = timedelta(hours=6)


@task
def placements_sweep() -> int:
    """Contracts that reached six months become sustainable placements; runs a few times a day."""
    from .match_services import placements_mark_sustainable

    marked = placements_mark_sustainable(today=timezone.localdate())
    if default_task_backend.supports_defer:
        placements_sweep.using(run_after=timezone.now() + SWEEP_EVERY).enqueue()
    return marked


def _render(template: str, context: dict) -> str:
    with translation.override("nl"):
        return render_to_string(template, {**context, "site_url": settings.SITE_URL})


def _match(match_id: int):
    from .models import Match

    return (
        Match.objects.select_related("opportunity__network", "opportunity__organisation", "candidate__organisation")
        .filter(pk=match_id)
        .first()
    )


def _send(subject: str, template: str, context: dict, recipients) -> int:
    recipients = sorted({address for address in recipients if address})
    if recipients:
        send_mail(subject, _render(template, context), None, recipients)
    return len(recipients)


@task
def notify_proposal(match_id: int) -> int:
    """The employer's contacts in the network hear that a candidate was put before them. The mail names no
    candidate: the anonymous profile is behind the link, for those who may see it."""
    from spil.accounts.models import Membership, Role

    match = _match(match_id)
    if match is None:
        return 0
    opportunity = match.opportunity
    contacts = Membership.objects.filter(
        network=opportunity.network, role=Role.PARTNER_CONTACT, organisation=opportunity.organisation
    ).select_related("user")
    with translation.override("nl"):
        subject = _("Een kandidaat voor uw kans %(title)s") % {"title": opportunity.title}
    return _send(subject, "matching/email/proposal.txt", {"match": match}, [m.user.email for m in contacts])


@task
def notify_answer(match_id: int) -> int:
    """The advisor who proposed the match (else the advisors of the candidate's organisation) hears the
    employer's answer."""
    from spil.accounts.models import Membership, Role

    from .models import MatchEvent, Stage

    match = _match(match_id)
    if match is None:
        return 0
    network = match.opportunity.network
    # Only someone who still matches candidates in the network (a person who left gets no names of anyone).
    proposal = (
        MatchEvent.objects.filter(
            match=match,
            stage=Stage.PROPOSED,
            actor__memberships__network=network,
            actor__memberships__role__in=[Role.COORDINATOR, Role.PUBLIC_ADVISOR],
        )
        .select_related("actor")
        .order_by("-at", "-pk")
        .first()
    )
    if proposal is not None:
        recipients = [proposal.actor.email]
    else:
        advisors = Membership.objects.filter(
            network=match.opportunity.network, role=Role.PUBLIC_ADVISOR, organisation=match.candidate.organisation
        ).select_related("user")
        recipients = [m.user.email for m in advisors]
    accepted = match.stage != Stage.ENDED
    with translation.override("nl"):
        subject = (
            _("%(employer)s wil kennismaken met kandidaat %(number)s")
            if accepted
            else _("%(employer)s zegt nee tegen kandidaat %(number)s")
        ) % {"employer": match.opportunity.organisation.name, "number": match.candidate_id}
    return _send(subject, "matching/email/answer.txt", {"match": match, "accepted": accepted}, recipients)


@task
def run_cohort(cohort_id: int) -> str:
    """Compute a cohort's one-to-one proposal (see cohort_services)."""
    from .cohort_services import cohort_run

    return cohort_run(cohort_id=cohort_id).status
