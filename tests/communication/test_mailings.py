"""Mailings: compose with a preview, send to an audience through a real SMTP sink, retries, bad addresses,
unsubscribe, and reminders before an activity."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from spil.activities import services as activity_services
from spil.communication import services
from spil.communication.models import BadAddress, Delivery, Mailing, MailingStatus, Unsubscribe
from spil.networks.models import Body, BodyKind, Seat
from spil.partners.models import Contact, Status
from tests.activities.factories import make_activity, register


def _newsletter(cast, **extra) -> Mailing:
    extra.setdefault("subject", "Nieuwsbrief {{ netwerk }}")
    extra.setdefault("body", "Beste {{ naam }} van {{ organisatie }},\n\nHet laatste nieuws.")
    extra.setdefault("audience", "active_partners")
    extra.setdefault("kind", "newsletter")
    return services.mailing_save(mailing=Mailing(network=cast.network, **extra))


def _send(mailing, capture):
    with capture(execute=True):
        services.mailing_send(mailing_id=mailing.pk)
    mailing.refresh_from_db()
    return mailing


def test_newsletter_goes_once_to_every_active_partner_contact_with_a_one_click_unsubscribe(
    cast, mailbox, django_capture_on_commit_callbacks, client
):
    # A second contact at partner A, a duplicate address in another case, and a less active partner.
    Contact.objects.create(organisation=cast.org_a, name="Anna Aalbers", email="anna@aalbers.example")
    Contact.objects.create(organisation=cast.org_a, name="Zus (dubbel)", email="ANNA@aalbers.example")
    cast.partnership_b.status = Status.INACTIVE
    cast.partnership_b.save()
    mailing = _send(_newsletter(cast), django_capture_on_commit_callbacks)
    assert mailing.status == MailingStatus.SENT
    received = sorted(m["To"] for m in mailbox.messages)
    assert received == sorted(
        ["anna@aalbers.example", cast.partnership_a.main_contact.email, "info" + str(cast.wsp.pk) + "@example.org"]
    )
    [anna] = mailbox.to("anna@aalbers.example")
    assert anna["Subject"] == "Nieuwsbrief 99vanTestregio"
    assert "Beste Anna Aalbers van Bakkerij Aalbers" in mailbox.body(anna)
    assert anna["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = anna["List-Unsubscribe"].strip("<>")
    assert unsubscribe_url in mailbox.body(anna)
    assert anna["Message-ID"].startswith(f"<mailing-{mailing.pk}.")

    # One click (a POST by the mail program) unsubscribes; the next newsletter skips the address.
    path = unsubscribe_url.split("://", 1)[1].split("/", 1)[1]
    assert client.post("/" + path).status_code == 200
    assert Unsubscribe.objects.filter(network=cast.network, email="anna@aalbers.example").exists()
    mailbox.messages.clear()
    second = _send(_newsletter(cast, subject="Tweede nieuwsbrief"), django_capture_on_commit_callbacks)
    assert not mailbox.to("anna@aalbers.example")
    assert second.deliveries.get(email="anna@aalbers.example").status == "skipped"
    # An invitation is not a newsletter: it still goes.
    mailbox.messages.clear()
    _send(_newsletter(cast, kind="invitation", subject="Uitnodiging"), django_capture_on_commit_callbacks)
    assert mailbox.to("anna@aalbers.example")


def test_unsubscribed_people_still_get_registration_confirmations(cast, mailbox, django_capture_on_commit_callbacks):
    email = cast.partnership_a.main_contact.email
    Unsubscribe.objects.create(network=cast.network, email=email)
    activity = make_activity(cast.network)
    with django_capture_on_commit_callbacks(execute=True):
        activity_services.registration_create(activity_id=activity.pk, name="Contact", email=email)
    assert mailbox.to(email)


def test_a_temporary_refusal_is_retried_later_and_a_permanent_one_marks_the_address(
    cast, mailbox, django_capture_on_commit_callbacks
):
    later = cast.partnership_a.main_contact.email
    bad = Contact.objects.create(organisation=cast.org_a, name="Oud adres", email="weg@aalbers.example").email
    mailbox.refuse = {later: ["451 4.3.0 Probeer het later"], bad: ["550 5.1.1 Onbekende ontvanger"]}
    mailing = _send(_newsletter(cast), django_capture_on_commit_callbacks)
    assert mailing.status == MailingStatus.SENDING
    deferred = mailing.deliveries.get(email=later)
    assert (deferred.status, deferred.attempts) == ("pending", 1)
    assert deferred.next_attempt_at > timezone.now()
    failed = mailing.deliveries.get(email=bad)
    assert failed.status == "failed"
    assert "550" in failed.error
    assert BadAddress.objects.filter(email=bad).exists()
    # Time passes; the worker runs the rescheduled task.
    Delivery.objects.filter(pk=deferred.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    services.mailing_deliver(mailing_id=mailing.pk)
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENT
    assert len(mailbox.to(later)) == 1
    assert services.progress(mailing) == {
        "total": 4,
        "done": 4,
        "sent": 3,
        "failed": 1,
        "skipped": 0,
        "waiting": 0,
        "percentage": 100,
    }
    # The next mailing skips the bad address without trying it.
    second = _send(_newsletter(cast, subject="Weer"), django_capture_on_commit_callbacks)
    assert second.deliveries.get(email=bad).status == "skipped"


def test_mail_server_down_defers_without_crashing(cast, settings, django_capture_on_commit_callbacks):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    mailing = _send(_newsletter(cast), django_capture_on_commit_callbacks)
    assert mailing.status == MailingStatus.SENDING
    statuses = set(mailing.deliveries.values_list("status", flat=True))
    assert statuses == {"pending"}
    assert mailing.deliveries.filter(attempts=1).count() == 1  # it stopped at the first refused connection


def test_bad_templates_and_empty_audiences_are_refused_before_sending(cast, client):
    client.force_login(cast.backoffice)
    url = reverse("communication:create", args=[cast.network.slug])
    response = client.post(
        url,
        {"kind": "newsletter", "audience": "registered", "subject": "Hallo {{ naam|bestaatniet }}", "body": "{% if %}"},
    )
    form = response.context["form"]
    assert set(form.errors) == {"activity", "subject", "body"}
    assert not Mailing.objects.exists()
    response = client.post(
        url, {"kind": "newsletter", "audience": "group", "subject": "x", "body": "{% include 'a' %}"}
    )
    assert "body" in response.context["form"].errors
    # A group without members: saved as a draft, but sending is refused with a message.
    from spil.activities.models import Group

    group = Group.objects.create(network=cast.network, name="Leeg")
    response = client.post(
        url, {"kind": "invitation", "audience": "group", "group": group.pk, "subject": "x", "body": "y"}
    )
    mailing = Mailing.objects.get()
    page = client.get(reverse("communication:detail", args=[cast.network.slug, mailing.pk]))
    assert page.context["recipient_count"] == 0
    with pytest.raises(ValidationError, match="geen ontvangers"):
        services.mailing_send(mailing_id=mailing.pk)
    response = client.post(reverse("communication:send", args=[cast.network.slug, mailing.pk]), follow=True)
    assert "geen ontvangers" in response.content.decode()
    assert not Delivery.objects.exists()


def test_preview_shows_the_text_for_the_first_recipient(cast, client):
    mailing = _newsletter(cast)
    client.force_login(cast.coordinator)
    page = client.get(reverse("communication:detail", args=[cast.network.slug, mailing.pk]))
    assert page.context["recipient_count"] == 3
    assert "Beste Contact" in page.context["preview_body"]


def test_audiences(cast):
    activity = make_activity(cast.network, capacity=1)
    register(activity, 2)  # one registered, one waiting
    contact_b = cast.partnership_b.main_contact
    activity.invitees.add(cast.partnership_a.main_contact, contact_b)
    activity_services.registration_create(activity_id=activity.pk, name="B", email=contact_b.email)
    core = Body.objects.get(network=cast.network, kind=BodyKind.CORE_GROUP)
    seated = sorted(s.user.email for s in Seat.objects.filter(body=core, user__isnull=False))
    assert cast.chair.email in seated
    cast.partnership_b.status = Status.INACTIVE
    cast.partnership_b.save()

    def emails(**fields):
        return [r.email for r in services.recipients(Mailing(network=cast.network, **fields))]

    assert emails(audience="registered", activity=activity) == ["deelnemer0@example.org"]
    assert emails(audience="no_response", activity=activity) == [cast.partnership_a.main_contact.email]
    # Invited by an invitation mailing too: who got it and did not register (sent ones only).
    anna = Contact.objects.create(organisation=cast.org_a, name="Anna", email="Anna@Aalbers.example")
    invitation = Mailing.objects.create(
        network=cast.network,
        kind="invitation",
        subject="Uitnodiging",
        body="Kom",
        audience="active_partners",
        activity=activity,
        status="sent",
    )
    Delivery.objects.create(mailing=invitation, email="anna@aalbers.example", status="sent")
    Delivery.objects.create(mailing=invitation, email="deelnemer0@example.org", status="sent")
    Delivery.objects.create(mailing=invitation, email=cast.wsp.contacts.first().email, status="failed")
    assert sorted(emails(audience="no_response", activity=activity)) == sorted(
        ["anna@aalbers.example", cast.partnership_a.main_contact.email]
    )
    assert anna.email != "anna@aalbers.example"  # matched whatever the capitals
    assert sorted(emails(audience="body", body_ref=core)) == seated
    assert emails(audience="less_active") == [contact_b.email]


def test_reminders_go_to_registered_people_once_per_reminder_day(cast, mailbox, django_capture_on_commit_callbacks):
    activity = make_activity(cast.network, days=2, capacity=1)
    register(activity, 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_create_due() != []
    assert services.reminders_create_due() == []
    [reminder] = Mailing.objects.filter(activity=activity)
    assert reminder.reminder_days == 3
    assert [m["To"] for m in mailbox.messages if m["Subject"].startswith("Herinnering")] == ["deelnemer0@example.org"]
    # A day before, the next reminder.
    later = activity.starts_at - timedelta(hours=20)
    assert len(services.reminders_create_due(now=later)) == 1
    assert set(Mailing.objects.filter(activity=activity).values_list("reminder_days", flat=True)) == {3, 1}
    # No reminders for an activity whose reminders were switched off.
    quiet = make_activity(cast.network, days=1, reminder_days="")
    register(quiet, 1, prefix="stil")
    assert services.reminders_create_due(now=later) == []


def test_resume_hands_back_rows_of_a_dead_sender_and_restarts(cast, mailbox, django_capture_on_commit_callbacks):
    mailing = _newsletter(cast)
    with django_capture_on_commit_callbacks(execute=False):
        services.mailing_send(mailing_id=mailing.pk)  # the worker never ran
    first = mailing.deliveries.order_by("pk").first()
    old = timezone.now() - timedelta(hours=1)
    Delivery.objects.filter(pk=first.pk).update(status="sending", claimed_at=old)
    Mailing.objects.filter(pk=mailing.pk).update(heartbeat_at=old)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.mailings_resume() == 1
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENT
    assert len(mailbox.messages) == 3


def test_an_address_that_cannot_be_written_fails_alone(cast, mailbox, django_capture_on_commit_callbacks):
    Contact.objects.create(organisation=cast.org_a, name="Kapot", email="kapot\n@aalbers.example")
    mailing = _send(_newsletter(cast), django_capture_on_commit_callbacks)
    assert mailing.status == MailingStatus.SENT
    assert mailing.deliveries.filter(status="failed").count() == 1
    assert mailing.deliveries.filter(status="sent").count() == 3


def test_one_connection_carries_the_whole_run(cast, mailbox, django_capture_on_commit_callbacks):
    for i in range(5):
        Contact.objects.create(organisation=cast.org_a, name=f"Extra {i}", email=f"extra{i}@aalbers.example")
    mailing = _send(_newsletter(cast), django_capture_on_commit_callbacks)
    assert mailing.status == MailingStatus.SENT
    assert len(mailbox.messages) == 8
    assert len(mailbox.connections) == 1


def test_a_refused_login_defers_the_mailing_and_never_gives_recipients_up(
    cast, mailbox, monkeypatch, django_capture_on_commit_callbacks
):
    import smtplib

    from django.core.mail.backends.smtp import EmailBackend

    def refuse_login(self):
        raise smtplib.SMTPAuthenticationError(535, b"5.7.8 Authentication credentials invalid")

    monkeypatch.setattr(EmailBackend, "open", refuse_login)
    mailing = _send(_newsletter(cast), django_capture_on_commit_callbacks)
    for _ in range(services.MAX_ATTEMPTS + 2):  # far more tries than a recipient's own limit
        Delivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
        services.mailing_deliver(mailing_id=mailing.pk)
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENDING
    assert set(mailing.deliveries.values_list("status", flat=True)) == {"pending"}
    assert "laat Spil niet versturen" in mailing.deliveries.order_by("pk").first().error
    assert not BadAddress.objects.exists()
    # The login works again: everyone gets the mailing once.
    monkeypatch.undo()
    Delivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    services.mailing_deliver(mailing_id=mailing.pk)
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.SENT
    assert len(mailbox.messages) == 3


def test_a_temporary_refusal_gives_up_after_the_last_attempt(cast, mailbox, django_capture_on_commit_callbacks):
    later = cast.partnership_a.main_contact.email
    mailbox.refuse = {later: ["451 4.3.0 Probeer het later"] * (services.MAX_ATTEMPTS + 1)}
    mailing = _send(_newsletter(cast), django_capture_on_commit_callbacks)
    for _ in range(services.MAX_ATTEMPTS - 1):
        Delivery.objects.filter(email=later).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
        services.mailing_deliver(mailing_id=mailing.pk)
    mailing.refresh_from_db()
    delivery = mailing.deliveries.get(email=later)
    assert (delivery.status, delivery.attempts) == ("failed", services.MAX_ATTEMPTS)
    assert "451" in delivery.error
    assert mailing.status == MailingStatus.SENT
    assert not mailbox.to(later)


def test_a_text_that_fails_while_filled_in_is_refused_and_an_old_draft_shows_why(cast, client):
    client.force_login(cast.backoffice)
    url = reverse("communication:create", args=[cast.network.slug])
    for body in ("{% for x in 5 %}x{% endfor %}", "{% url 'bestaatniet' %}"):
        response = client.post(url, {"kind": "newsletter", "audience": "active_partners", "subject": "x", "body": body})
        assert response.status_code == 200
        assert "body" in response.context["form"].errors
    assert not Mailing.objects.exists()
    # A draft stored before this check: its page explains, and sending is refused.
    mailing = Mailing.objects.create(
        network=cast.network,
        kind="newsletter",
        audience="active_partners",
        subject="x",
        body="{% for x in 5 %}{% endfor %}",
    )
    page = client.get(reverse("communication:detail", args=[cast.network.slug, mailing.pk]))
    assert page.status_code == 200
    assert "De tekst klopt niet op regel 1" in page.content.decode()
    with pytest.raises(ValidationError, match="regel 1"):
        services.mailing_send(mailing_id=mailing.pk)
    assert not Delivery.objects.exists()


def test_a_removed_group_or_activity_leaves_a_draft_without_recipients(cast):
    from spil.activities.models import Group
    from spil.partners.models import Organisation

    stranger = Organisation.objects.create(name="Buiten elk netwerk")
    Contact.objects.create(organisation=stranger, name="Vreemd", email="vreemd@x.example")
    group = Group.objects.create(network=cast.network, name="Tijdelijk")
    group.members.add(cast.partnership_a.main_contact)
    activity = make_activity(cast.network)
    by_group = _newsletter(cast, kind="invitation", audience="group", group=group)
    by_activity = _newsletter(cast, kind="follow_up", audience="no_response", activity=activity)
    group.delete()
    activity.delete()
    for mailing in (by_group, by_activity):
        mailing.refresh_from_db()
        assert services.recipients(mailing) == []
        with pytest.raises(ValidationError, match="geen ontvangers"):
            services.mailing_send(mailing_id=mailing.pk)


def test_a_mailing_that_would_reach_nobody_is_refused(cast):
    for contact in Contact.objects.all():
        Unsubscribe.objects.create(network=cast.network, email=contact.email.lower())
    with pytest.raises(ValidationError, match="Niemand zou deze mailing krijgen"):
        services.mailing_send(mailing_id=_newsletter(cast).pk)
    assert not Delivery.objects.exists()


def test_a_connection_the_server_closed_is_opened_again_without_losing_a_mail(
    cast, mailbox, monkeypatch, django_capture_on_commit_callbacks
):
    import smtplib

    from django.core.mail.backends.smtp import EmailBackend

    send = EmailBackend.send_messages
    calls = []

    def hang_up_once(self, messages):
        calls.append(1)
        if len(calls) == 2:  # the server hangs up between two mails
            self.connection.sock.close()
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", hang_up_once)
    mailing = _send(_newsletter(cast), django_capture_on_commit_callbacks)
    assert mailing.status == MailingStatus.SENT
    assert len(mailbox.messages) == 3
    assert len(mailbox.connections) == 2
    assert set(mailing.deliveries.values_list("attempts", flat=True)) == {1}


def test_an_unsubscribe_can_be_undone_and_a_malformed_link_gets_a_page(cast, client):
    from django.core import signing

    token = services.unsubscribe_token(cast.network.pk, "anna@aalbers.example")
    url = reverse("communication_public:unsubscribe", args=[token])
    html = client.post(url).content.decode()
    assert "krijgt geen nieuwsbrieven van 99vanTestregio meer" in html
    assert Unsubscribe.objects.filter(email="anna@aalbers.example").exists()
    # The page of the link now offers the way back.
    assert "Toch weer nieuwsbrieven ontvangen" in client.get(url).content.decode()
    html = client.post(url, {"action": "resubscribe"}).content.decode()
    assert "krijgt de nieuwsbrieven van 99vanTestregio weer" in html
    assert not Unsubscribe.objects.exists()
    # A link signed with our key but not of the right shape: a clear page, not a 500.
    odd = signing.dumps({"network": 1}, salt=services.UNSUBSCRIBE_SALT, compress=True)
    response = client.get(reverse("communication_public:unsubscribe", args=[odd]))
    assert response.status_code == 404
    assert "Deze afmeldlink klopt niet." in response.content.decode()


def test_a_reminder_that_waited_skips_who_cancelled_and_a_called_off_activity(
    cast, mailbox, django_capture_on_commit_callbacks
):
    activity = make_activity(cast.network, days=2)
    stays, leaves = register(activity, 2)
    with django_capture_on_commit_callbacks(execute=False):
        [reminder_id] = services.reminders_create_due()  # the worker has not run yet
    activity_services.registration_cancel(registration_id=leaves.pk)
    services.mailing_deliver(mailing_id=reminder_id)
    assert [m["To"] for m in mailbox.messages if m["Subject"].startswith("Herinnering")] == [stays.email]
    assert Delivery.objects.get(mailing_id=reminder_id, email=leaves.email).status == "skipped"
    # Called off before the worker ran: nobody gets it.
    other = make_activity(cast.network, days=2, title="Gaat niet door")
    register(other, 1, prefix="ander")
    mailbox.messages.clear()
    with django_capture_on_commit_callbacks(execute=False):
        started = services.reminders_create_due()
    activity_services.activity_cancel(activity_id=other.pk, reason="")
    for mailing_id in started:
        services.mailing_deliver(mailing_id=mailing_id)
    assert not [m for m in mailbox.messages if m["Subject"].startswith("Herinnering")]
    assert Mailing.objects.get(pk__in=started).status == MailingStatus.SENT


def test_a_mailing_being_sent_can_be_stopped_and_nobody_waiting_gets_it(
    cast, client, mailbox, django_capture_on_commit_callbacks
):
    mailing = _newsletter(cast)
    with django_capture_on_commit_callbacks(execute=False):
        services.mailing_send(mailing_id=mailing.pk)  # the worker has not started yet
    first, *waiting = mailing.deliveries.order_by("pk")
    Delivery.objects.filter(pk=first.pk).update(status="sent", sent_at=timezone.now())
    client.force_login(cast.coordinator)
    detail = reverse("communication:detail", args=[cast.network.slug, mailing.pk])
    assert "Stoppen met versturen" in client.get(detail).content.decode()

    response = client.post(reverse("communication:stop", args=[cast.network.slug, mailing.pk]), follow=True)
    page = response.content.decode()
    assert f"{len(waiting)} ontvangers krijgen deze mailing niet" in page
    assert "Gestopt door" in page and "Stoppen met versturen" not in page
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.STOPPED and mailing.stopped_by == cast.coordinator
    assert set(mailing.deliveries.exclude(pk=first.pk).values_list("status", flat=True)) == {"skipped"}

    # The sender that starts afterwards sends nothing, and the mailing stays stopped.
    services.mailing_deliver(mailing_id=mailing.pk)
    assert mailbox.messages == []
    mailing.refresh_from_db()
    assert mailing.status == MailingStatus.STOPPED
    # Stopping again, or stopping a draft, says there is nothing to stop.
    again = client.post(reverse("communication:stop", args=[cast.network.slug, mailing.pk]), follow=True)
    assert "er is niets te stoppen" in again.content.decode()
    draft = _newsletter(cast, subject="Concept")
    with pytest.raises(ValidationError):
        services.mailing_stop(mailing_id=draft.pk, user=cast.coordinator)
    # Only the office may stop a mailing.
    client.force_login(cast.partner_a)
    assert client.post(reverse("communication:stop", args=[cast.network.slug, mailing.pk])).status_code in (403, 404)


def test_the_progress_fragment_removes_the_stop_button_when_sending_ends(
    cast, client, mailbox, django_capture_on_commit_callbacks
):
    mailing = _newsletter(cast)
    with django_capture_on_commit_callbacks(execute=False):
        services.mailing_send(mailing_id=mailing.pk)
    client.force_login(cast.coordinator)
    url = reverse("communication:progress", args=[cast.network.slug, mailing.pk])
    assert 'hx-swap-oob="true"' not in client.get(url).content.decode()
    services.mailing_deliver(mailing_id=mailing.pk)
    assert '<div id="stop-sending" hx-swap-oob="true"></div>' in client.get(url).content.decode()


def test_a_copy_of_a_stopped_mailing_goes_only_to_who_did_not_get_it(
    cast, client, mailbox, django_capture_on_commit_callbacks
):
    mailing = _newsletter(cast, subject="Nieuwsbrief met tikfout")
    with django_capture_on_commit_callbacks(execute=False):
        services.mailing_send(mailing_id=mailing.pk)
    first = mailing.deliveries.order_by("pk").first()
    Delivery.objects.filter(pk=first.pk).update(status="sent", sent_at=timezone.now())
    services.mailing_stop(mailing_id=mailing.pk, user=cast.coordinator)
    client.force_login(cast.coordinator)

    response = client.post(reverse("communication:copy", args=[cast.network.slug, mailing.pk]), follow=True)
    copy = Mailing.objects.get(copy_of=mailing)
    assert response.redirect_chain[-1][0] == reverse("communication:edit", args=[cast.network.slug, copy.pk])
    assert copy.status == MailingStatus.DRAFT and copy.skip_received and copy.created_by == cast.coordinator
    assert "Niet naar wie „Nieuwsbrief met tikfout” al kreeg" in response.content.decode()
    others = {d.email for d in mailing.deliveries.exclude(pk=first.pk)}
    assert {r.email for r in services.recipients(copy)} == others
    edit = reverse("communication:edit", args=[cast.network.slug, copy.pk])
    client.post(edit, {"kind": "newsletter", "audience": "active_partners", "subject": "Nieuwsbrief", "body": "Goed."})
    copy.refresh_from_db()
    assert copy.subject == "Nieuwsbrief" and not copy.skip_received  # unticked: to everyone again
    assert len(services.recipients(copy)) == len(others) + 1


def test_a_draft_can_be_deleted_after_a_confirmation_and_a_sent_mailing_cannot(
    cast, client, mailbox, django_capture_on_commit_callbacks
):
    draft = _newsletter(cast, subject="Weg ermee")
    client.force_login(cast.coordinator)
    url = reverse("communication:delete", args=[cast.network.slug, draft.pk])
    assert "Concept „Weg ermee” verwijderen?" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "Het concept „Weg ermee” is verwijderd." in response.content.decode()
    assert not Mailing.objects.filter(pk=draft.pk).exists()

    sent = _send(_newsletter(cast), django_capture_on_commit_callbacks)
    response = client.post(reverse("communication:delete", args=[cast.network.slug, sent.pk]), follow=True)
    assert "Alleen een concept kan worden verwijderd" in response.content.decode()
    assert Mailing.objects.filter(pk=sent.pk).exists()
    client.force_login(cast.partner_a)
    assert client.post(reverse("communication:copy", args=[cast.network.slug, sent.pk])).status_code in (403, 404)
    assert not Mailing.objects.filter(copy_of=sent).exists()


def test_a_row_put_back_to_wait_after_a_stop_is_not_left_waiting(cast, mailbox, django_capture_on_commit_callbacks):
    mailing = _newsletter(cast)
    with django_capture_on_commit_callbacks(execute=False):
        services.mailing_send(mailing_id=mailing.pk)
    first = mailing.deliveries.order_by("pk").first()
    # A sender is handing this one over at the moment of the stop …
    Delivery.objects.filter(pk=first.pk).update(status="sending", claimed_at=timezone.now())
    services.mailing_stop(mailing_id=mailing.pk, user=cast.coordinator)
    assert mailing.deliveries.get(pk=first.pk).status == "sending"
    # … and the server asks it to try again later: its next run finds the mailing stopped.
    Delivery.objects.filter(pk=first.pk).update(status="pending", next_attempt_at=timezone.now())
    assert services.mailing_deliver(mailing_id=mailing.pk) == {"skipped": True}
    assert mailbox.messages == []
    assert services.progress(Mailing.objects.get(pk=mailing.pk))["waiting"] == 0


def test_copies_of_copies_leave_out_everyone_who_got_the_text_and_a_sending_mailing_is_not_copied(
    cast, client, mailbox, django_capture_on_commit_callbacks
):
    def send_to_first_then_stop(mailing):
        with django_capture_on_commit_callbacks(execute=False):
            services.mailing_send(mailing_id=mailing.pk)
        first = mailing.deliveries.exclude(status="skipped").order_by("pk").first()
        Delivery.objects.filter(pk=first.pk).update(status="sent", sent_at=timezone.now())
        client.force_login(cast.coordinator)
        refused = client.post(reverse("communication:copy", args=[cast.network.slug, mailing.pk]), follow=True)
        assert "Deze mailing wordt nog verstuurd" in refused.content.decode()
        services.mailing_stop(mailing_id=mailing.pk, user=cast.coordinator)
        return first.email

    original = _newsletter(cast)
    everyone = {r.email for r in services.recipients(original)}
    got_original = send_to_first_then_stop(original)
    first_copy = services.mailing_copy(mailing_id=original.pk, user=cast.coordinator)
    got_copy = send_to_first_then_stop(first_copy)
    second_copy = services.mailing_copy(mailing_id=first_copy.pk, user=cast.coordinator)
    assert {r.email for r in services.recipients(second_copy)} == everyone - {got_original, got_copy}
