"""Conversation campaigns with employers: goal, versioned guide, target list, conversations, follow-up, bus tours.

Contact pressure (how often an employer was contacted lately) is read from conversations, bus-tour
appointments, the desk's requests and hand-recorded contact moments; see pressure.py.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutreachSettings(models.Model):
    """Per network: how many contacts within how many weeks count as enough for an employer."""

    network = models.OneToOneField("networks.Network", on_delete=models.CASCADE, related_name="outreach_settings")
    contact_pressure_weeks = models.PositiveSmallIntegerField(
        _("periode contactdruk (weken)"),
        default=8,
        help_text=_("Contacten met een werkgever in zoveel weken tellen mee voor de contactdruk."),
    )
    contact_limit = models.PositiveSmallIntegerField(
        _("maximum aantal contacten"),
        default=1,
        help_text=_("Spil waarschuwt wanneer een werkgever in die periode al zo vaak benaderd is."),
    )

    class Meta:
        verbose_name = _("instellingen werkgeversbenadering")
        verbose_name_plural = _("instellingen werkgeversbenadering")

    def __str__(self):
        return str(self.network)


class CampaignKind(models.TextChoices):
    OUTLOOK = "outlook", _("Blik op de Toekomst")
    CONSULTATION = "consultation", _("Werkgeversraadpleging")
    PEER = "peer", _("Ondernemers voor ondernemers")
    AMBASSADOR = "ambassador", _("Werkambassadeur")
    OTHER = "other", _("Andere gespreksronde")


class Campaign(models.Model):
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="campaigns")
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=CampaignKind.choices, default=CampaignKind.OUTLOOK)
    description = models.TextField(_("doel en aanpak"), blank=True)
    goal_count = models.PositiveIntegerField(_("doel: aantal gesprekken"), default=50)
    starts_on = models.DateField(_("van"))
    ends_on = models.DateField(_("tot en met"))
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="outreach_campaigns", verbose_name=_("interviewers")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("gespreksronde")
        verbose_name_plural = _("gespreksrondes")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="campaign_period"),
        ]

    def __str__(self):
        return self.name


class GuideVersion(models.Model):
    """One version of a campaign's conversation guide; editing the guide makes a new version."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="guide_versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["campaign", "-number"]
        constraints = [models.UniqueConstraint(fields=["campaign", "number"], name="one_guide_version_number")]

    def __str__(self):
        return f"{self.campaign} v{self.number}"


class GuideQuestion(models.Model):
    version = models.ForeignKey(GuideVersion, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("vraag"), max_length=500)

    class Meta:
        ordering = ["version", "position"]

    def __str__(self):
        return self.text


class Target(models.Model):
    """An employer on a campaign's target list."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    organisation = models.ForeignKey("partners.Organisation", on_delete=models.CASCADE, related_name="+")
    imported = models.BooleanField(default=False)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [models.UniqueConstraint(fields=["campaign", "organisation"], name="one_target_per_campaign")]

    def __str__(self):
        return f"{self.organisation} ({self.campaign})"


class Conversation(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="conversations")
    organisation = models.ForeignKey("partners.Organisation", on_delete=models.CASCADE, related_name="+")
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("interviewer")
    )
    guide_version = models.ForeignKey(GuideVersion, on_delete=models.CASCADE, null=True, related_name="+")
    appointment = models.OneToOneField(
        "Appointment", on_delete=models.SET_NULL, null=True, blank=True, related_name="conversation"
    )
    held_on = models.DateField(_("datum gesprek"))
    needs_count = models.PositiveSmallIntegerField(_("aantal behoeften"), default=0)
    needs = models.TextField(_("behoeften"), blank=True)
    vacancies_count = models.PositiveSmallIntegerField(_("aantal vacatures"), default=0)
    vacancies = models.TextField(_("vacatures"), blank=True)
    consent_share_name = models.BooleanField(
        _("de werkgever geeft toestemming de bedrijfsnaam te delen met publieke partners"), default=False
    )
    note = models.TextField(_("aantekeningen"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("werkgeversgesprek")
        verbose_name_plural = _("werkgeversgesprekken")
        indexes = [
            models.Index(fields=["organisation", "held_on"]),
            # A campaign's conversations newest first (its page), and "did we speak this target?" (the
            # target list and the report) answered from the index alone.
            models.Index(fields=["campaign", "-held_on", "-id"], name="outreach_conv_campaign_newest"),
            # With the vacancies found, so the report counts and sums from the index alone.
            models.Index(fields=["campaign", "organisation", "vacancies_count"], name="outreach_conv_campaign_org"),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.held_on})"


class Answer(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(GuideQuestion, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["conversation", "question__position"]
        constraints = [models.UniqueConstraint(fields=["conversation", "question"], name="one_answer_per_question")]

    def __str__(self):
        return self.text[:50]


class Referral(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="referrals")
    to_organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("doorverwezen naar")
    )
    note = models.CharField(_("toelichting"), max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return str(self.to_organisation_id)


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Afgerond")


class FollowUpAction(models.Model):
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("actie"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("eigenaar")
    )
    due_date = models.DateField(_("uiterlijk"))
    status = models.CharField(_("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            # The report counts a campaign's actions and those done from the index alone.
            models.Index(fields=["conversation", "status"], name="outreach_action_status"),
        ]

    def __str__(self):
        return self.description


class Channel(models.TextChoices):
    PHONE = "phone", _("Telefoon")
    VISIT = "visit", _("Bezoek")
    EMAIL = "email", _("E-mail")
    EVENT = "event", _("Bijeenkomst")


class ContactMoment(models.Model):
    """A contact with an employer recorded by hand (a partner's call, a visit), for contact pressure."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="contact_moments")
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("werkgever")
    )
    who = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("door")
    )
    on = models.DateField(_("datum"), default=timezone.localdate)
    channel = models.CharField(_("kanaal"), max_length=10, choices=Channel.choices, default=Channel.PHONE)
    note = models.CharField(_("notitie"), max_length=500, blank=True)

    class Meta:
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["organisation", "on"])]

    def __str__(self):
        return f"{self.organisation} ({self.on})"


class BusTour(models.Model):
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="bus_tours")
    campaign = models.ForeignKey(
        Campaign,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bus_tours",
        verbose_name=_("gespreksronde"),
        help_text=_("Gesprekken na een afspraak tellen mee in deze gespreksronde."),
    )
    name = models.CharField(_("naam"), max_length=200)
    survey_url = models.URLField(_("link naar de enquête achteraf"), blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("bustour")
        verbose_name_plural = _("bustours")

    def __str__(self):
        return self.name


class BusStop(models.Model):
    tour = models.ForeignKey(BusTour, on_delete=models.CASCADE, related_name="stops")
    business_park = models.CharField(_("bedrijventerrein"), max_length=200)
    starts_at = models.DateTimeField(_("aankomst"))
    ends_at = models.DateTimeField(_("vertrek"))
    advisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="bus_stops", verbose_name=_("adviseurs")
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="bus_stop_period"),
        ]

    def __str__(self):
        return self.business_park


class Appointment(models.Model):
    stop = models.ForeignKey(BusStop, on_delete=models.CASCADE, related_name="appointments")
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("werkgever")
    )
    at = models.DateTimeField(_("tijd"))
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adviseur"),
    )

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["organisation", "at"])]

    def __str__(self):
        return f"{self.organisation} ({self.at})"
