"""Background work of the desk: the employer's emails at each step, notices to the desk, the deadline sweep."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import default_task_backend, task
from django.template.loader import render_to_string
from django.utils import timezone, translation

SWEEP_EVERY = timedelta(minutes=15)

EMPLOYER_SUBJECTS = {
    "received": "Uw vraag aan het werkgeversloket van %(network)s is ontvangen",
    "intake": "Uw vraag aan %(network)s is in behandeling",
    "referred": "Uw vraag aan %(network)s is doorgezet naar %(organisation)s",
    "confirmed": "%(organisation)s neemt uw vraag op",
    "closed": "Uw vraag aan %(network)s is afgerond",
}


def _request(request_id: int):
    from .models import Request

    return (
        Request.objects.select_related("network", "region", "referred_to", "handler", "on_duty")
        .filter(pk=request_id)
        .first()
    )


def _render(template: str, context: dict) -> str:
    with translation.override("nl"):
        return render_to_string(template, {**context, "site_url": settings.SITE_URL})


@task
def mail_employer(request_id: int, step: str) -> bool:
    request = _request(request_id)
    if request is None:
        return False
    subject = EMPLOYER_SUBJECTS[step] % {
        "network": request.network.name,
        "organisation": request.referred_to.name if request.referred_to else "",
    }
    body = _render(f"desk/email/employer_{step}.txt", {"request": request})
    send_mail(subject, body, None, [request.email])
    return True


def _desk_mail(request, template: str, subject: str, recipients: list[str]) -> int:
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return 0
    body = _render(template, {"request": request})
    send_mail(subject, body, None, recipients)
    return len(recipients)


@task
def notify_new_request(request_id: int) -> int:
    """The person on duty hears at once; with nobody on duty, the coordinators do."""
    from .services import coordinators

    request = _request(request_id)
    if request is None:
        return 0
    people = [request.on_duty] if request.on_duty else coordinators(request.network)
    subject = f"Nieuwe loketvraag van {request.organisation_name}: antwoord uiterlijk {_local(request.due_at)}"
    return _desk_mail(request, "desk/email/desk_new.txt", subject, [person.email for person in people])


@task
def notify_referral(request_id: int) -> int:
    """The advisors of the organisation the request was handed to."""
    from spil.accounts.models import Membership, Role

    request = _request(request_id)
    if request is None or request.referred_to is None:
        return 0
    advisors = Membership.objects.filter(
        network=request.network, role=Role.PUBLIC_ADVISOR, organisation=request.referred_to
    ).select_related("user")
    subject = f"Doorverwezen loketvraag van {request.organisation_name}"
    return _desk_mail(request, "desk/email/desk_referred.txt", subject, [m.user.email for m in advisors])


@task
def notify_escalation(request_id: int) -> int:
    from .services import coordinators

    request = _request(request_id)
    if request is None:
        return 0
    subject = f"Loketvraag over tijd: {request.organisation_name}"
    return _desk_mail(
        request, "desk/email/desk_overdue.txt", subject, [person.email for person in coordinators(request.network)]
    )


def _local(moment) -> str:
    from spil.core.workdays import NETHERLANDS

    return moment.astimezone(NETHERLANDS).strftime("%d-%m-%Y %H:%M")


@task
def desk_sweep() -> int:
    """Every quarter of an hour: escalate requests that passed their deadline without an answer."""
    from .services import requests_escalate

    escalated = requests_escalate()
    if default_task_backend.supports_defer:
        desk_sweep.using(run_after=timezone.now() + SWEEP_EVERY).enqueue()
    return len(escalated)


@task
def notify_exchange_accepted(match_id: int) -> int:
    """Both employers said yes: the coordinators follow up, and both employers hear it."""
    from .models import ExchangeMatch
    from .services import coordinators

    match = (
        ExchangeMatch.objects.select_related(
            "surplus__organisation", "need__organisation", "surplus__network", "surplus__created_by", "need__created_by"
        )
        .filter(pk=match_id)
        .first()
    )
    if match is None:
        return 0
    network = match.surplus.network
    recipients = [person.email for person in coordinators(network)]
    recipients += [offer.created_by.email for offer in (match.surplus, match.need) if offer.created_by]
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return 0
    body = _render("desk/email/exchange_accepted.txt", {"match": match, "network": network})
    send_mail(f"Personeelsuitwisseling afgesproken: {match}", body, None, recipients)
    return len(recipients)
