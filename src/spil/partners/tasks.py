"""Background work of the partners app: emails to applicants."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation


def _mail_applicant(partnership_id: int, template: str, subject: str) -> bool:
    from .models import Partnership

    partnership = (
        Partnership.objects.select_related("organisation", "network", "main_contact", "decision")
        .filter(pk=partnership_id)
        .first()
    )
    if partnership is None or partnership.main_contact is None or not partnership.main_contact.email:
        return False
    with translation.override("nl"):
        body = render_to_string(template, {"partnership": partnership, "site_url": settings.SITE_URL})
    send_mail(subject % {"network": partnership.network.name}, body, None, [partnership.main_contact.email])
    return True


@task
def send_application_received(partnership_id: int) -> bool:
    return _mail_applicant(
        partnership_id, "partners/email/application_received.txt", "Uw aanmelding bij %(network)s is ontvangen"
    )


@task
def send_admission_decision(partnership_id: int) -> bool:
    return _mail_applicant(
        partnership_id, "partners/email/admission_decision.txt", "Besluit over uw aanmelding bij %(network)s"
    )
