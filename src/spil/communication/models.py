"""Mailings to an audience of the network, one delivery row per recipient, unsubscribes and bad addresses."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from spil.activities.models import Activity, Group
from spil.networks.models import Body, Network


class MailingKind(models.TextChoices):
    INVITATION = "invitation", _("Uitnodiging")
    NEWSLETTER = "newsletter", _("Nieuwsbrief")
    REMINDER = "reminder", _("Herinnering")
    FOLLOW_UP = "follow_up", _("Follow-up")


class MailingAudience(models.TextChoices):
    ACTIVE_PARTNERS = "active_partners", _("Contactpersonen van alle actieve partners")
    BODY = "body", _("Een orgaan (bijvoorbeeld de kerngroep)")
    GROUP = "group", _("Een groep")
    REGISTERED = "registered", _("Aangemelden voor een activiteit")
    NO_RESPONSE = "no_response", _("Genodigden voor een activiteit die niet reageerden")
    LESS_ACTIVE = "less_active", _("Contactpersonen van minder actieve partners")


class MailingStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    SENDING = "sending", _("Wordt verstuurd")
    SENT = "sent", _("Verstuurd")
    STOPPED = "stopped", _("Gestopt")


class Mailing(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="mailings")
    kind = models.CharField(_("soort"), max_length=20, choices=MailingKind.choices, default=MailingKind.NEWSLETTER)
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(
        _("tekst"),
        max_length=20_000,
        help_text=_(
            "U kunt {{ naam }}, {{ organisatie }} en {{ netwerk }} gebruiken, en bij een activiteit "
            "{{ activiteit }}, {{ datum }} en {{ locatie }}."
        ),
    )
    audience = models.CharField(_("ontvangers"), max_length=20, choices=MailingAudience.choices)
    body_ref = models.ForeignKey(
        Body, verbose_name=_("orgaan"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    group = models.ForeignKey(
        Group, verbose_name=_("groep"), on_delete=models.SET_NULL, null=True, blank=True, related_name="mailings"
    )
    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activiteit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mailings",
    )
    # Automatic reminders: how many days before the activity, and the start they were for (one mailing per
    # activity, start and day count: an activity moved to another date gets its reminders again).
    reminder_days = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    reminder_for = models.DateTimeField(null=True, blank=True, editable=False)
    status = models.CharField(max_length=20, choices=MailingStatus.choices, default=MailingStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A copy (to send a corrected or stopped mailing again) can leave out who got the original.
    copy_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies")
    skip_received = models.BooleanField(_("niet naar wie het origineel al kreeg"), default=False)
    # Set by the sender while it works; a stale heartbeat means its worker died (see services.mailings_resume).
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "reminder_for", "reminder_days"],
                condition=models.Q(reminder_days__isnull=False),
                name="one_reminder_per_activity_start_and_day",
            )
        ]
        indexes = [models.Index(fields=["network", "-created_at"], name="mailing_network_created")]

    def __str__(self):
        return self.subject


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("In de wachtrij")
    SENDING = "sending", _("Wordt verstuurd")
    SENT = "sent", _("Verstuurd")
    FAILED = "failed", _("Mislukt")
    SKIPPED = "skipped", _("Overgeslagen")


class Delivery(models.Model):
    """One recipient of one mailing. The unique key makes sure nobody gets the same mailing twice."""

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries")
    email = models.EmailField(_("e-mailadres"))
    name = models.CharField(_("naam"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisatie"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(_("melding"), max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")
        constraints = [models.UniqueConstraint(fields=["mailing", "email"], name="one_delivery_per_recipient")]
        indexes = [models.Index(fields=["mailing", "status"], name="delivery_mailing_status")]

    def __str__(self):
        return self.email


class Unsubscribe(models.Model):
    """Someone who wants no more newsletters of this network (confirmations and waiting-list notices still go)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="unsubscribes")
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("afmelding nieuwsbrief")
        verbose_name_plural = _("afmeldingen nieuwsbrief")
        constraints = [models.UniqueConstraint(fields=["network", "email"], name="one_unsubscribe_per_address")]

    def __str__(self):
        return self.email


class BadAddress(models.Model):
    """An address the mail server refused for good; later mailings skip it."""

    email = models.EmailField(unique=True)
    reason = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("onbestelbaar adres")
        verbose_name_plural = _("onbestelbare adressen")

    def __str__(self):
        return self.email
