"""Background work of the activities app: emails about registrations."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation

from .ical import calendar_bytes

#: For _mail_registrant's ``attach``: the appointment only for someone with a place (not the waiting list).
IF_REGISTERED = "if registered"


def _mail_registrant(
    registration_id: int, template: str, subject: str, *, attach: bool | str, method="REQUEST"
) -> bool:
    """Email one registrant; ``attach`` adds the appointment (an iCalendar REQUEST or CANCEL for that person),
    always or IF_REGISTERED."""
    from .models import Registration, RegistrationStatus

    registration = (
        Registration.objects.select_related("activity", "activity__network").filter(pk=registration_id).first()
    )
    if registration is None:
        return False
    activity = registration.activity
    with translation.override("nl"):
        body = render_to_string(
            template, {"registration": registration, "activity": activity, "site_url": settings.SITE_URL}
        )
    message = EmailMessage(subject % {"title": activity.title}, body, None, [registration.email])
    if attach == IF_REGISTERED:
        attach = registration.status == RegistrationStatus.REGISTERED
    if attach:
        ics = calendar_bytes(
            [activity], name=activity.title, method=method, cancelled=method == "CANCEL", attendee=registration
        )
        message.attach("activiteit.ics", ics, f"text/calendar; method={method}; charset=utf-8")
    message.send()
    return True


@task
def send_registration_confirmed(registration_id: int) -> bool:
    return _mail_registrant(registration_id, "activities/email/registered.txt", "Aangemeld: %(title)s", attach=True)


@task
def send_waiting_list_notice(registration_id: int) -> bool:
    return _mail_registrant(registration_id, "activities/email/waiting.txt", "Wachtlijst: %(title)s", attach=False)


@task
def send_promoted_from_waiting_list(registration_id: int) -> bool:
    return _mail_registrant(
        registration_id, "activities/email/promoted.txt", "Er is een plaats voor u: %(title)s", attach=True
    )


@task
def send_registration_cancelled(registration_id: int) -> bool:
    return _mail_registrant(
        registration_id, "activities/email/cancelled.txt", "Afgemeld: %(title)s", attach=True, method="CANCEL"
    )


@task
def send_activity_changed(registration_id: int) -> bool:
    """The time or place changed: the registered get the updated appointment, the waiting the new details."""
    return _mail_registrant(
        registration_id, "activities/email/changed.txt", "Gewijzigd: %(title)s", attach=IF_REGISTERED
    )


@task
def send_activity_cancelled(registration_id: int) -> bool:
    """The activity is called off: the registered get a cancellation for their calendar."""
    return _mail_registrant(
        registration_id, "activities/email/called_off.txt", "Afgelast: %(title)s", attach=IF_REGISTERED, method="CANCEL"
    )
