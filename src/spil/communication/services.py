"""Use cases of mailings: compose, send to an audience in the background, unsubscribe, reminders.

Sending is at least once per claim and exactly once per recipient in practice: every recipient has one
Delivery row (unique per mailing and address); a sender claims a row (pending -> sending) with a
conditional update before it talks to the mail server and marks it sent right after. A killed worker
leaves at most the one row it was sending in between; `mailings_resume` hands such rows back after the
heartbeat went stale. Messages carry a fixed Message-ID per delivery, so that even that one resend is
recognisable as the same message.
"""

import contextlib
import re
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, mailers
from django.db import IntegrityError, transaction
from django.db.models import CharField, Count, F, Min, Q, Value
from django.db.models.functions import Coalesce, Concat, Lower
from django.tasks import default_task_backend
from django.template import Context, Engine, TemplateSyntaxError
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from spil.activities.models import MAX_REMINDER_DAYS, Activity, Registration, RegistrationStatus, reminder_day_list
from spil.partners.models import Contact, Partnership, Status

from .models import (
    BadAddress,
    Delivery,
    DeliveryStatus,
    Mailing,
    MailingAudience,
    MailingKind,
    MailingStatus,
    Unsubscribe,
)

MAX_ATTEMPTS = 5
BATCH = 100
UNSUBSCRIBE_SALT = "spil.communication.unsubscribe"

# Mail texts are plain text written by the office: variables and simple tags, nothing that reads files or
# links into the application. debug=True only adds the line and the text of an error (for the message).
ENGINE = Engine(autoescape=False, libraries={}, loaders=[], debug=True)
FORBIDDEN_TAGS = re.compile(r"{%\s*(include|extends|load|debug|ssi|csrf_token|url)\b")


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    organisation: str


def _template_error(field: str, error: Exception) -> ValidationError:
    """A Dutch message that points at the line and the words of the text that went wrong."""
    where = getattr(error, "template_debug", None)
    if where:
        message = _("De tekst klopt niet op regel %(line)s, bij %(text)s. Controleer de {{ }} en {%% %%}.") % {
            "line": where["line"],
            "text": where["during"].strip()[:80],
        }
    else:
        message = _("De tekst klopt niet. Controleer de {{ }} en {%% %%}.") % {}
    return ValidationError({field: message})


def parse_template(text: str, *, field: str):
    """The compiled mail template, or a ValidationError naming the field and the problem."""
    if FORBIDDEN_TAGS.search(text):
        raise ValidationError({field: _("Deze tekst gebruikt een opdracht die in e-mails niet kan.")})
    try:
        return ENGINE.from_string(text)
    except TemplateSyntaxError as error:
        raise _template_error(field, error) from error


def check_texts(mailing: "Mailing") -> tuple:
    """Refuse a subject or body that does not compile, or that fails when filled in for a recipient; returns
    the compiled (subject, body) for :func:`render`."""
    templates = {field: parse_template(getattr(mailing, field), field=field) for field in ("subject", "body")}
    context = Context(_context(mailing, Recipient("voorbeeld@example.org", "Voorbeeld", "Voorbeeld")))
    for field, template in templates.items():
        try:
            template.render(context)
        except Exception as error:  # any failure while filling in: the office must fix the text first
            raise _template_error(field, error) from error
    return templates["subject"], templates["body"]


def _shaped(queryset, *, email, name, organisation):
    """Rows of any audience in one shape: r_email (lower case), r_name, r_org."""
    return (
        queryset.annotate(r_email=Lower(email), r_name=name, r_org=Coalesce(organisation, Value("")))
        .exclude(r_email="")
        .values("r_email", "r_name", "r_org")
    )


def _from_contacts(queryset):
    return _shaped(queryset, email="email", name=F("name"), organisation=F("organisation__name"))


def audience_rows(mailing: Mailing):
    """The mailing's audience as a query of rows (r_email, r_name, r_org); an address can come more than once."""
    network = mailing.network_id
    audience = mailing.audience
    if audience in (MailingAudience.ACTIVE_PARTNERS, MailingAudience.LESS_ACTIVE):
        status = Status.ACTIVE if audience == MailingAudience.ACTIVE_PARTNERS else Status.INACTIVE
        organisations = Partnership.objects.filter(network_id=network, status=status).values("organisation_id")
        return _from_contacts(Contact.objects.filter(organisation_id__in=organisations))
    if audience == MailingAudience.BODY:
        from spil.networks.models import Seat

        seats = Seat.objects.filter(body=mailing.body_ref, user__isnull=False)
        full_name = Concat("user__first_name", Value(" "), "user__last_name", output_field=CharField())
        return _shaped(seats, email="user__email", name=full_name, organisation=F("organisation_name"))
    needs = {MailingAudience.GROUP: mailing.group_id, MailingAudience.BODY: mailing.body_ref_id}
    needs |= dict.fromkeys((MailingAudience.REGISTERED, MailingAudience.NO_RESPONSE), mailing.activity_id)
    if audience in needs and needs[audience] is None:
        return _from_contacts(Contact.objects.none())  # its group or activity was removed: nobody
    if audience == MailingAudience.GROUP:
        members = Contact.objects.filter(Q(activity_groups=mailing.group) | Q(led_groups=mailing.group))
        return _from_contacts(Contact.objects.filter(pk__in=members.values("pk")))
    if audience == MailingAudience.REGISTERED:
        rows = Registration.objects.filter(activity=mailing.activity, status=RegistrationStatus.REGISTERED)
        return _shaped(rows, email="email", name=F("name"), organisation=F("organisation__name"))
    if audience == MailingAudience.NO_RESPONSE:
        # Invited: on the activity's invite list, or sent one of its invitation mailings (partner contacts).
        answered = Registration.objects.filter(activity=mailing.activity).values("email")
        mailed = Delivery.objects.filter(
            mailing__activity=mailing.activity, mailing__kind=MailingKind.INVITATION, status=DeliveryStatus.SENT
        ).values(lowered=Lower("email"))
        contacts = Contact.objects.annotate(lowered=Lower("email")).filter(
            Q(invitations=mailing.activity) | Q(lowered__in=mailed, organisation__partnerships__network_id=network)
        )
        return _from_contacts(contacts).exclude(r_email__in=answered)
    return _from_contacts(Contact.objects.none())


def _audience(mailing: Mailing):
    """audience_rows, without who got the original when the mailing is a copy that leaves them out (and, when
    the original was such a copy too, who got its original, and so on)."""
    rows = audience_rows(mailing)
    originals, current = [], mailing
    while current is not None and current.skip_received and current.copy_of_id not in (None, *originals):
        originals.append(current.copy_of_id)
        current = Mailing.objects.filter(pk=current.copy_of_id).only("copy_of_id", "skip_received").first()
    if originals:
        received = Delivery.objects.filter(mailing_id__in=originals, status=DeliveryStatus.SENT)
        rows = rows.exclude(r_email__in=received.values("email"))  # stored as the audience gave it: lower case
    return rows


def recipients(mailing: Mailing) -> list[Recipient]:
    """The mailing's audience, one per email address (case-insensitive), in a stable order."""
    rows = _audience(mailing).order_by("r_org", "r_name", "r_email")
    unique = {}
    for row in rows.iterator(chunk_size=2000):
        unique.setdefault(row["r_email"], Recipient(row["r_email"], row["r_name"].strip(), row["r_org"]))
    return list(unique.values())


def preview_recipient(mailing: Mailing) -> Recipient | None:
    """Any one recipient, for the preview (no sorting of the whole audience)."""
    row = next(iter(_audience(mailing).order_by()[:1]), None)
    return Recipient(row["r_email"], row["r_name"].strip(), row["r_org"]) if row else None


def recipient_count(mailing: Mailing) -> int:
    return _audience(mailing).values("r_email").distinct().count()


def _context(mailing: Mailing, recipient: Recipient) -> dict:
    context = {"naam": recipient.name, "organisatie": recipient.organisation, "netwerk": mailing.network.name}
    activity = mailing.activity
    if activity is not None:
        starts = timezone.localtime(activity.starts_at)
        context |= {
            "activiteit": activity.title,
            "datum": formats.date_format(starts, "l j F Y, H:i"),
            "locatie": ", ".join(p for p in (activity.venue_name, activity.venue_address) if p) or activity.online_link,
        }
    return context


def render(mailing: Mailing, recipient: Recipient, *, templates=None) -> tuple[str, str]:
    subject_template, body_template = templates or (
        parse_template(mailing.subject, field="subject"),
        parse_template(mailing.body, field="body"),
    )
    context = Context(_context(mailing, recipient), autoescape=False)
    subject = " ".join(subject_template.render(context).split())[:200]
    return subject, body_template.render(context)


def unsubscribe_token(network_id: int, email: str) -> str:
    return signing.dumps([network_id, email.lower()], salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(network_id: int, email: str) -> str:
    return settings.SITE_URL + reverse("communication_public:unsubscribe", args=[unsubscribe_token(network_id, email)])


def mailing_save(*, mailing: Mailing) -> Mailing:
    """Save a draft after checking that its texts can be rendered."""
    check_texts(mailing)
    with transaction.atomic(durable=True):
        mailing.save()
    return mailing


def mailing_send(*, mailing_id: int) -> Mailing:
    """Create one delivery per recipient and start the background sender. Refused when nobody would get it."""
    with transaction.atomic(durable=True):
        return _mailing_start(Mailing.objects.select_for_update().select_related("network").get(pk=mailing_id))


def _mailing_start(mailing: Mailing) -> Mailing:
    if mailing.status != MailingStatus.DRAFT:
        raise ValidationError(_("Deze mailing is al verstuurd."))
    check_texts(mailing)
    found = recipients(mailing)
    if not found:
        raise ValidationError(_("Deze mailing heeft geen ontvangers; kies een andere groep ontvangers."))
    emails = [r.email for r in found]
    bad = set(BadAddress.objects.filter(email__in=emails).values_list("email", flat=True))
    unsubscribed = set()
    if mailing.kind == MailingKind.NEWSLETTER:
        unsubscribed = set(
            Unsubscribe.objects.filter(network_id=mailing.network_id, email__in=emails).values_list("email", flat=True)
        )
    deliveries = []
    for r in found:
        reason = ""
        if r.email in bad:
            reason = _("Adres eerder onbestelbaar")
        elif r.email in unsubscribed:
            reason = _("Afgemeld voor de nieuwsbrief")
        deliveries.append(
            Delivery(
                mailing=mailing,
                email=r.email,
                name=r.name[:200],
                organisation_name=r.organisation[:200],
                status=DeliveryStatus.SKIPPED if reason else DeliveryStatus.PENDING,
                error=reason,
            )
        )
    if all(d.status == DeliveryStatus.SKIPPED for d in deliveries):
        raise ValidationError(
            _(
                "Niemand zou deze mailing krijgen: alle %(count)s ontvangers zijn afgemeld voor de nieuwsbrief "
                "of hebben een onbestelbaar adres."
            )
            % {"count": len(deliveries)}
        )
    Delivery.objects.bulk_create(deliveries, batch_size=1000)
    mailing.status = MailingStatus.SENDING
    mailing.started_at = mailing.heartbeat_at = timezone.now()
    mailing.save(update_fields=["status", "started_at", "heartbeat_at"])
    _enqueue_on_commit(mailing.pk)
    return mailing


def _enqueue_on_commit(mailing_id: int, run_after=None) -> None:
    from . import tasks

    def enqueue():
        if run_after is not None and default_task_backend.supports_defer:
            tasks.send_mailing.using(run_after=run_after).enqueue(mailing_id)
        elif run_after is None:
            tasks.send_mailing.enqueue(mailing_id)

    transaction.on_commit(enqueue)


def mailing_copy(*, mailing_id: int, user) -> Mailing:
    """A new draft with the texts and recipients of a mailing. A copy of a stopped mailing leaves out who got
    the original (the form can change that)."""
    original = Mailing.objects.get(pk=mailing_id)
    if original.status == MailingStatus.SENDING:
        raise ValidationError(_("Deze mailing wordt nog verstuurd. Stop hem eerst, of wacht tot hij klaar is."))
    copy = Mailing(
        network_id=original.network_id,
        kind=original.kind,
        audience=original.audience,
        body_ref_id=original.body_ref_id,
        group_id=original.group_id,
        activity_id=original.activity_id,
        subject=original.subject,
        body=original.body,
        created_by=user,
        copy_of=original,
        skip_received=original.status == MailingStatus.STOPPED,
    )
    with transaction.atomic(durable=True):
        copy.save()
    return copy


def mailing_delete(*, mailing_id: int) -> None:
    """Delete a draft; a mailing that was (being) sent stays, as the record of who got what."""
    with transaction.atomic(durable=True):
        mailing = Mailing.objects.select_for_update().get(pk=mailing_id)
        if mailing.status != MailingStatus.DRAFT:
            raise ValidationError(_("Alleen een concept kan worden verwijderd; een verstuurde mailing blijft bewaard."))
        mailing.delete()


def mailing_stop(*, mailing_id: int, user) -> int:
    """Stop a mailing that is being sent: nobody who is still waiting gets it. A mail the sender is handing
    to the server at this moment still goes. Returns how many recipients will not get it."""
    with transaction.atomic(durable=True):
        mailing = Mailing.objects.select_for_update().get(pk=mailing_id)
        if mailing.status != MailingStatus.SENDING:
            raise ValidationError(_("Deze mailing wordt niet meer verstuurd; er is niets te stoppen."))
        stopped = _skip_waiting(mailing.pk)
        mailing.status = MailingStatus.STOPPED
        mailing.stopped_by = user
        mailing.finished_at = timezone.now()
        mailing.save(update_fields=["status", "stopped_by", "finished_at"])
    return stopped


def _skip_waiting(mailing_id: int) -> int:
    """Mark who still waits for a stopped mailing as not sent: the queue, and rows claimed by a sender that
    died (resume leaves stopped mailings alone). A row a sender is handing over now it finishes itself, and
    if that sender has to try again later, its next run lands here too."""
    stale = timezone.now() - timedelta(seconds=settings.SPIL_MAIL_STALE_SECONDS)
    waiting = Q(status=DeliveryStatus.PENDING) | Q(status=DeliveryStatus.SENDING, claimed_at__lt=stale)
    return (
        Delivery.objects.filter(mailing_id=mailing_id)
        .filter(waiting)
        .update(status=DeliveryStatus.SKIPPED, error=_("Niet verstuurd: het versturen is gestopt"))
    )


def progress(mailing: Mailing) -> dict:
    counts = dict(mailing.deliveries.values("status").annotate(n=Count("pk")).values_list("status", "n"))
    total = sum(counts.values())
    done = counts.get(DeliveryStatus.SENT, 0) + counts.get(DeliveryStatus.FAILED, 0)
    done += counts.get(DeliveryStatus.SKIPPED, 0)
    return {
        "total": total,
        "done": done,
        "sent": counts.get(DeliveryStatus.SENT, 0),
        "failed": counts.get(DeliveryStatus.FAILED, 0),
        "skipped": counts.get(DeliveryStatus.SKIPPED, 0),
        "waiting": counts.get(DeliveryStatus.PENDING, 0) + counts.get(DeliveryStatus.SENDING, 0),
        "percentage": round(100 * done / total) if total else 100,
    }


def _message(mailing: Mailing, delivery: Delivery, templates, host: str) -> EmailMessage:
    subject, body = render(
        mailing, Recipient(delivery.email, delivery.name, delivery.organisation_name), templates=templates
    )
    headers = {"Message-ID": f"<mailing-{mailing.pk}.{delivery.pk}@{host}>"}
    if mailing.kind == MailingKind.NEWSLETTER:
        url = unsubscribe_url(mailing.network_id, delivery.email)
        body += "\n\n-- \n" + _("Geen nieuwsbrief van %(network)s meer ontvangen? Meld u af: %(url)s") % {
            "network": mailing.network.name,
            "url": url,
        }
        headers |= {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return EmailMessage(subject, body, None, [delivery.email], headers=headers)


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 3600))


class _ServerDown(Exception):
    pass


def _server_text(code: int, text) -> str:
    return f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"


def _send_one(connection, message) -> tuple[str, str]:
    """Send over the open connection; return (status, error). A dropped connection is opened again once;
    raises _ServerDown when the server cannot be reached or will not let us send at all (login, greeting)."""
    for attempt in (1, 2):
        try:
            connection.send_messages([message])
        except smtplib.SMTPRecipientsRefused as error:
            code, text = next(iter(error.recipients.values()))
            if 500 <= code < 600:
                return "bad", (
                    _("Adres geweigerd door de mailserver: %(reply)s") % {"reply": _server_text(code, text)}
                )[:300]
            return "retry", (_("Tijdelijk geweigerd: %(reply)s") % {"reply": _server_text(code, text)})[:300]
        except (smtplib.SMTPAuthenticationError, smtplib.SMTPHeloError, smtplib.SMTPNotSupportedError) as error:
            raise _ServerDown(_("De mailserver laat Spil niet versturen: %(error)s") % {"error": error}) from error
        except smtplib.SMTPResponseException as error:
            reply = _server_text(error.smtp_code, error.smtp_error)
            if isinstance(error, smtplib.SMTPSenderRefused) or not 500 <= error.smtp_code < 600:
                return "retry", (_("Tijdelijk geweigerd: %(reply)s") % {"reply": reply})[:300]
            return "failed", (_("Geweigerd door de mailserver: %(reply)s") % {"reply": reply})[:300]
        except (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError) as error:
            if attempt == 1:
                # The server may have closed an idle connection: once more, freshly.
                with contextlib.suppress(smtplib.SMTPException, OSError):
                    connection.close()
                try:
                    connection.open()
                    continue
                except (smtplib.SMTPException, OSError):
                    pass
            raise _ServerDown(_("De mailserver is niet bereikbaar: %(error)s") % {"error": error}) from error
        except ValueError as error:  # an address that cannot be written in a mail header
            return "bad", (_("Dit adres kan niet in een e-mail: %(error)s") % {"error": error})[:300]
        return "sent", ""
    raise AssertionError("unreachable")  # pragma: no cover


def mailing_deliver(*, mailing_id: int) -> dict:
    """Send every pending delivery whose time has come. Runs in the worker; safe to run twice at once."""
    mailing = Mailing.objects.select_related("network", "activity").filter(pk=mailing_id).first()
    if mailing is not None and mailing.status == MailingStatus.STOPPED:
        _skip_waiting(mailing.pk)  # a row put back to wait after the stop
    if mailing is None or mailing.status != MailingStatus.SENDING:
        return {"skipped": True}
    templates = (parse_template(mailing.subject, field="subject"), parse_template(mailing.body, field="body"))
    host = urlsplit(settings.SITE_URL).hostname or "spil"
    connection = mailers.default
    retry_at = None
    try:
        # One connection (and login) for the whole run, not one per mail; when the server is away, the first
        # send tries again and defers the mailing.
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.open()
        while retry_at is None:
            now = timezone.now()
            due = Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
            batch = list(
                Delivery.objects.filter(mailing=mailing, status=DeliveryStatus.PENDING)
                .filter(due)
                .order_by("pk")[:BATCH]
            )
            if not batch:
                break
            expected = _reminder_recipients(mailing)
            for delivery in batch:
                if expected is not None and delivery.email.lower() not in expected:
                    Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.PENDING).update(
                        status=DeliveryStatus.SKIPPED, error=_("Niet meer aangemeld, of de activiteit is verzet")
                    )
                    continue
                claimed = Delivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.PENDING).update(
                    status=DeliveryStatus.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
                )
                if not claimed:
                    continue  # another sender has it
                delivery.attempts += 1
                try:
                    message = _message(mailing, delivery, templates, host)
                except Exception:  # one recipient's text must not stop the others
                    _record(delivery, "failed", _("De tekst kon voor deze ontvanger niet worden gemaakt."))
                    continue
                try:
                    outcome, error = _send_one(connection, message)
                except _ServerDown as down:
                    # Not this recipient's fault: wait and try again, never give the address up for it.
                    retry_at = _defer(delivery, str(down)[:300], give_up=False)
                    break
                _record(delivery, outcome, error)
            Mailing.objects.filter(pk=mailing.pk).update(heartbeat_at=timezone.now())
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()  # a server that already hung up must not fail the run
    return _finish_or_reschedule(mailing, retry_at)


def _reminder_recipients(mailing: Mailing) -> set[str] | None:
    """For an automatic reminder: who should still get it when it goes out (those still registered, nobody when
    the activity was called off or moved); None for other mailings."""
    if mailing.reminder_days is None:
        return None
    activity = Activity.objects.filter(pk=mailing.activity_id).first()
    if activity is None or activity.cancelled_at is not None or activity.starts_at != mailing.reminder_for:
        return set()
    registered = activity.registrations.filter(status=RegistrationStatus.REGISTERED).values_list("email", flat=True)
    return {email.lower() for email in registered}


def _defer(delivery: Delivery, error: str, *, give_up: bool = True):
    """A temporary failure: try again later, or give up after MAX_ATTEMPTS (not while the server is away)."""
    if give_up and delivery.attempts >= MAX_ATTEMPTS:
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, error=error)
        return None
    next_attempt = timezone.now() + _backoff(delivery.attempts)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.PENDING, next_attempt_at=next_attempt, error=error
    )
    return next_attempt


def _record(delivery: Delivery, outcome: str, error: str) -> None:
    if outcome == "sent":
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.SENT, sent_at=timezone.now(), error="")
    elif outcome == "retry":
        _defer(delivery, error)
    else:
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, error=error)
        if outcome == "bad":
            try:
                with transaction.atomic():
                    BadAddress.objects.get_or_create(email=delivery.email, defaults={"reason": error})
            except IntegrityError:
                pass  # marked by another sender at the same moment


def _finish_or_reschedule(mailing: Mailing, retry_at) -> dict:
    if Mailing.objects.filter(pk=mailing.pk, status=MailingStatus.STOPPED).exists():
        _skip_waiting(mailing.pk)  # stopped during this run: nothing waits, nothing is rescheduled
        return {"finished": True}
    left = Delivery.objects.filter(mailing=mailing, status__in=[DeliveryStatus.PENDING, DeliveryStatus.SENDING])
    if not left.exists():
        Mailing.objects.filter(pk=mailing.pk, status=MailingStatus.SENDING).update(
            status=MailingStatus.SENT, finished_at=timezone.now()
        )
        return {"finished": True}
    if retry_at is None:
        retry_at = left.filter(status=DeliveryStatus.PENDING).aggregate(m=Min("next_attempt_at"))["m"]
    if retry_at is not None:
        _enqueue_on_commit(mailing.pk, run_after=retry_at)
    return {"finished": False, "retry_at": retry_at}


def mailings_resume(*, stale_after: timedelta | None = None) -> int:
    """After a worker died: give its claimed rows back and start the sender again for stalled mailings."""
    stale_after = stale_after or timedelta(seconds=settings.SPIL_MAIL_STALE_SECONDS)
    cutoff = timezone.now() - stale_after
    stalled = list(
        Mailing.objects.filter(status=MailingStatus.SENDING)
        .filter(Q(heartbeat_at__isnull=True) | Q(heartbeat_at__lt=cutoff))
        .values_list("pk", flat=True)
    )
    for mailing_id in stalled:
        with transaction.atomic():
            Delivery.objects.filter(mailing_id=mailing_id, status=DeliveryStatus.SENDING, claimed_at__lt=cutoff).update(
                status=DeliveryStatus.PENDING
            )
            Mailing.objects.filter(pk=mailing_id).update(heartbeat_at=timezone.now())
            _enqueue_on_commit(mailing_id)
    return len(stalled)


def unsubscribe_peek(*, token: str):
    """The network and address of an unsubscribe link, or ValidationError."""
    from spil.networks.models import Network

    try:
        network_id, email = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, TypeError, ValueError) as error:  # tampered, or signed but of another shape
        raise ValidationError(_("Deze afmeldlink klopt niet.")) from error
    network = Network.objects.filter(pk=network_id).first()
    if network is None:
        raise ValidationError(_("Deze afmeldlink klopt niet."))
    return network, email


def unsubscribe(*, token: str):
    """Stop newsletters for the address in the token. Returns (network, email), or raises ValidationError."""
    network, email = unsubscribe_peek(token=token)
    with transaction.atomic(durable=True):
        Unsubscribe.objects.get_or_create(network=network, email=email)
    return network, email


def resubscribe(*, token: str):
    """Newsletters again for the address in the token (after an unsubscribe by mistake, or by a mail scanner)."""
    network, email = unsubscribe_peek(token=token)
    with transaction.atomic(durable=True):
        Unsubscribe.objects.filter(network=network, email=email).delete()
    return network, email


def is_unsubscribed(network, email: str) -> bool:
    return Unsubscribe.objects.filter(network=network, email=email).exists()


REMINDER_SUBJECT = "Herinnering: {{ activiteit }}"
REMINDER_BODY = (
    "Beste {{ naam }},\n\nU bent aangemeld voor {{ activiteit }} op {{ datum }}{% if locatie %} ({{ locatie }})"
    "{% endif %}. We zien u graag!\n\nKunt u toch niet? Meld u dan af via de pagina van de activiteit, dan gaat "
    "uw plaats naar iemand op de wachtlijst.\n\nMet vriendelijke groet,\n{{ netwerk }}"
)


def reminders_create_due(*, now=None) -> list[int]:
    """Start the reminders that are due: for each coming activity, the nearest reminder day that has come."""
    now = now or timezone.now()
    started = []
    activities = Activity.objects.filter(
        starts_at__gt=now,
        starts_at__lte=now + timedelta(days=MAX_REMINDER_DAYS + 1),
        registered_count__gt=0,
        cancelled_at__isnull=True,
    ).exclude(reminder_days="")
    for activity in activities.select_related("network"):
        due = [d for d in reminder_day_list(activity.reminder_days) if activity.starts_at - timedelta(days=d) <= now]
        if not due:
            continue
        days = min(due)
        if Mailing.objects.filter(activity=activity, reminder_for=activity.starts_at, reminder_days=days).exists():
            continue
        try:
            with transaction.atomic(durable=True):
                mailing = Mailing.objects.create(
                    network=activity.network,
                    kind=MailingKind.REMINDER,
                    subject=REMINDER_SUBJECT,
                    body=REMINDER_BODY,
                    audience=MailingAudience.REGISTERED,
                    activity=activity,
                    reminder_days=days,
                    reminder_for=activity.starts_at,
                )
                _mailing_start(mailing)
        except (IntegrityError, ValidationError):
            continue  # made by another sweep, or nobody registered any more
        started.append(mailing.pk)
    return started
