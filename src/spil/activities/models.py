"""Activities of a network: venues, speakers, registrations with capacity and a waiting list, follow-ups, groups."""

import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from spil.networks.models import Network
from spil.partners.models import Contact, Organisation

MAX_CAPACITY = 100_000
MAX_REMINDER_DAYS = 60


def reminder_day_list(text: str) -> list[int]:
    """The reminder days of an activity ("3,1" -> [1, 3]); only 1 … MAX_REMINDER_DAYS count."""
    return sorted({int(part) for part in re.findall(r"\d+", text or "") if 0 < int(part) <= MAX_REMINDER_DAYS})


def validate_reminder_days(text: str) -> None:
    if any(not 0 < int(day) <= MAX_REMINDER_DAYS for day in re.findall(r"\d+", text or "")):
        raise ValidationError(
            _("Een herinnering kan 1 tot %(most)s dagen vooraf; bijvoorbeeld 3,1."), params={"most": MAX_REMINDER_DAYS}
        )


class ActivityKind(models.TextChoices):
    KNOWLEDGE_SESSION = "knowledge_session", _("Kennissessie")
    MEET_AND_GREET = "meet_and_greet", _("Meet & Greet")
    INTERVISION = "intervision", _("Intervisie")
    GROUP_MEETING = "group_meeting", _("Themagroep-bijeenkomst")
    GOVERNMENT_DIALOGUE = "government_dialogue", _("Dialoogsessie overheid")
    ANNUAL_MEETING = "annual_meeting", _("Jaarbijeenkomst")
    WORKSHOP = "workshop", _("Workshop")
    BRAINSTORM = "brainstorm", _("Brainstorm")
    COMPANY_VISIT = "company_visit", _("Bedrijfsbezoek")
    SPEEDMEET = "speedmeet", _("Speedmeet")
    PRACTICE_TABLE = "practice_table", _("Praktijktafel")
    WEBINAR = "webinar", _("Webinar")
    CORE_GROUP_MEETING = "core_group_meeting", _("Kerngroepvergadering")
    OTHER = "other", _("Anders")


class Audience(models.TextChoices):
    ALL_PARTNERS = "all_partners", _("Alle partners")
    CORE_GROUP = "core_group", _("Kerngroep")
    GROUP = "group", _("Eén groep")
    INVITE_LIST = "invite_list", _("Genodigden")
    OPEN = "open", _("Open voor iedereen")


class Venue(models.Model):
    """A reusable location. Activities keep their own copy, so editing a venue never rewrites the past."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="venues")
    name = models.CharField(_("naam"), max_length=200)
    address = models.CharField(_("adres"), max_length=300, blank=True)
    room = models.CharField(_("zaal"), max_length=200, blank=True)
    accessibility = models.TextField(
        _("toegankelijkheid"), blank=True, help_text=_("Bijvoorbeeld: rolstoeltoegankelijk, ringleiding, parkeren.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")

    def __str__(self):
        return self.name


class GroupKind(models.TextChoices):
    THEME = "theme", _("Themagroep")
    INTERVISION = "intervision", _("Intervisiegroep")
    AMBASSADORS = "ambassadors", _("Ambassadeursgroep")


class GroupStatus(models.TextChoices):
    ACTIVE = "active", _("Actief")
    PAUSED = "paused", _("Gepauzeerd")
    ENDED = "ended", _("Gestopt")


class Group(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="groups")
    kind = models.CharField(_("soort"), max_length=20, choices=GroupKind.choices, default=GroupKind.THEME)
    name = models.CharField(_("naam"), max_length=200)
    purpose = models.TextField(_("doel"), blank=True)
    lead = models.ForeignKey(
        Contact,
        verbose_name=_("kartrekker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_groups",
    )
    members = models.ManyToManyField(Contact, verbose_name=_("leden"), blank=True, related_name="activity_groups")
    status = models.CharField(_("status"), max_length=20, choices=GroupStatus.choices, default=GroupStatus.ACTIVE)

    class Meta:
        ordering = ["name"]
        verbose_name = _("groep")
        verbose_name_plural = _("groepen")

    def __str__(self):
        return self.name


class GroupUpdate(models.Model):
    """News from a group, posted by its kartrekker; it goes on the next kerngroep agenda."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("update"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("groepsupdate")
        verbose_name_plural = _("groepsupdates")

    def __str__(self):
        return f"{self.group}: {self.text[:40]}"


class Activity(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("soort"), max_length=30, choices=ActivityKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"))
    venue = models.ForeignKey(
        Venue, verbose_name=_("locatie"), on_delete=models.SET_NULL, null=True, blank=True, related_name="activities"
    )
    # The venue as it was when the activity took place (see Venue).
    venue_name = models.CharField(max_length=200, blank=True, editable=False)
    venue_address = models.CharField(max_length=300, blank=True, editable=False)
    venue_room = models.CharField(max_length=200, blank=True, editable=False)
    venue_accessibility = models.TextField(blank=True, editable=False)
    online_link = models.URLField(_("online link"), blank=True)
    host_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("gastheer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hosted_activities",
    )
    audience = models.CharField(_("voor wie"), max_length=20, choices=Audience.choices, default=Audience.ALL_PARTNERS)
    group = models.ForeignKey(
        Group, verbose_name=_("groep"), on_delete=models.SET_NULL, null=True, blank=True, related_name="activities"
    )
    invitees = models.ManyToManyField(Contact, verbose_name=_("genodigden"), blank=True, related_name="invitations")
    capacity = models.PositiveIntegerField(
        _("maximum aantal deelnemers"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
        help_text=_("Leeg laten als er geen maximum is."),
    )
    registration_deadline = models.DateTimeField(_("aanmelden kan tot"), null=True, blank=True)
    reminder_days = models.CharField(
        _("herinneringen"),
        max_length=20,
        default="3,1",
        blank=True,
        validators=[
            RegexValidator(r"^\s*(\d{1,2}\s*(,\s*)?)*$", _("Bijvoorbeeld 3,1 of leeg laten.")),
            validate_reminder_days,
        ],
        help_text=_("Hoeveel dagen vooraf de aangemelden een herinnering krijgen, bijvoorbeeld 3,1. Leeg: geen."),
    )
    outcomes = models.TextField(_("opbrengst"), blank=True)
    # Called off ("afgelast"): registration closes, reminders stop and calendars get a cancellation.
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancel_reason = models.TextField(blank=True, editable=False)
    # iCalendar SEQUENCE: raised whenever the time or place changes, so calendars take the newer version.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # Kept by the registration services under the activity's row lock.
    registered_count = models.PositiveIntegerField(default=0, editable=False)
    waiting_count = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        indexes = [models.Index(fields=["network", "starts_at"], name="activity_network_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="activity_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("Het einde ligt voor het begin.")
        if self.registration_deadline and self.ends_at and self.registration_deadline > self.ends_at:
            errors["registration_deadline"] = _("Aanmelden moet sluiten voordat de activiteit voorbij is.")
        if self.audience == Audience.GROUP and not self.group_id:
            errors["group"] = _("Kies de groep waarvoor deze activiteit is.")
        if errors:
            raise ValidationError(errors)

    def copy_venue(self) -> None:
        venue = self.venue
        self.venue_name = venue.name if venue else ""
        self.venue_address = venue.address if venue else ""
        self.venue_room = venue.room if venue else ""
        self.venue_accessibility = venue.accessibility if venue else ""

    @property
    def free_places(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.registered_count, 0)


class Speaker(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("naam"), max_length=200)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    topic = models.CharField(_("onderwerp"), max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("spreker")
        verbose_name_plural = _("sprekers")

    def __str__(self):
        return self.name


class Segment(models.Model):
    """Places reserved for one kind of participant, e.g. job seekers at a Meet & Greet."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="segments")
    name = models.CharField(_("doelgroep"), max_length=100)
    seats = models.PositiveIntegerField(
        _("gereserveerde plaatsen"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)]
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("gereserveerde plaatsen")
        verbose_name_plural = _("gereserveerde plaatsen")
        constraints = [models.UniqueConstraint(fields=["activity", "name"], name="one_segment_name_per_activity")]

    def __str__(self):
        return self.name


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("registration status", "Aangemeld")
    WAITING = "waiting", _("Wachtlijst")
    CANCELLED = "cancelled", _("Afgemeld")


class Attendance(models.TextChoices):
    UNKNOWN = "unknown", _("Nog niet bekend")
    PRESENT = "present", _("Aanwezig")
    ABSENT = "absent", _("Niet gekomen")


class Registration(models.Model):
    """One person's place at an activity; the email address (kept in lower case) identifies the person."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"))
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="registrations"
    )
    segment = models.ForeignKey(
        Segment,
        verbose_name=_("doelgroep"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    attendance = models.CharField(
        _("aanwezigheid"), max_length=20, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    # Order of the waiting list: who waits longest goes first.
    queued_at = models.DateTimeField(_("aangemeld op"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["queued_at", "pk"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(fields=["activity", "email"], name="one_registration_per_person"),
        ]
        indexes = [
            models.Index(fields=["activity", "status", "queued_at"], name="registration_queue"),
            models.Index(fields=["organisation", "activity"], name="registration_organisation"),
            models.Index(fields=["email"], name="registration_email"),
        ]

    def __str__(self):
        return f"{self.name} – {self.activity}"


class FollowUp(models.Model):
    """An action agreed at or after an activity: what makes an event work."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="follow_ups")
    description = models.CharField(_("actie"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="follow_ups",
    )
    due_date = models.DateField(_("uiterlijk"))
    done_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("vervolgactie")
        verbose_name_plural = _("vervolgacties")
        indexes = [models.Index(fields=["done_at", "due_date"], name="follow_up_open")]

    def __str__(self):
        return self.description


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret address of a person's calendar of activities (subscribe in Outlook or Google Calendar)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agenda-abonnement")
        verbose_name_plural = _("agenda-abonnementen")

    def __str__(self):
        return str(self.user)


class AgendaSection(models.TextChoices):
    """The standing agenda of a kerngroep meeting (seed 001)."""

    ADMISSIONS = "admissions", _("Aanmelding en toelating van nieuwe deelnemers")
    GROUP_UPDATES = "group_updates", _("Updates over de themagroepen vanuit de kartrekkers")
    COMMUNICATION = "communication", _("Communicatie over en zichtbaarheid van het netwerk")
    OTHER = "other", _("Verdere ontwikkelingen en behoeften")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="agenda_items")
    section = models.CharField(_("onderdeel"), max_length=20, choices=AgendaSection.choices)
    title = models.CharField(_("agendapunt"), max_length=300)
    partnership = models.ForeignKey(
        "partners.Partnership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    group_update = models.ForeignKey(GroupUpdate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    minutes = models.TextField(_("verslag"), blank=True)
    decision = models.TextField(_("besluit"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        constraints = [
            # A group update goes on one agenda: that is how the next agenda knows it was brought up.
            models.UniqueConstraint(
                fields=["group_update"], condition=models.Q(group_update__isnull=False), name="update_on_one_agenda"
            )
        ]

    def __str__(self):
        return self.title


class TableSession(models.Model):
    """A praktijktafel (seed 003): tables with a question and fixed hosts; guests rotate over rounds."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="table_session")
    rounds = models.PositiveSmallIntegerField(
        _("aantal rondes"), default=2, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    seats_per_table = models.PositiveSmallIntegerField(
        _("stoelen per tafel"),
        default=6,
        validators=[MinValueValidator(2), MaxValueValidator(40)],
        help_text=_("Alle stoelen aan een tafel, de vaste gasten meegeteld."),
    )
    summary = models.TextField(_("samenvatting van de middag"), blank=True)
    published = models.BooleanField(_("resultaten gepubliceerd"), default=False)
    public_token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    ratio = models.FloatField(null=True, blank=True, editable=False)
    planned_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("praktijktafel")
        verbose_name_plural = _("praktijktafels")

    def __str__(self):
        return str(self.activity)


class Table(models.Model):
    session = models.ForeignKey(TableSession, on_delete=models.CASCADE, related_name="tables")
    number = models.PositiveSmallIntegerField(_("tafel"))
    brought_by = models.CharField(_("inbreng van"), max_length=200, blank=True, help_text=_("Bijv. Gemeente Baarn"))
    question = models.TextField(_("vraag"))
    solutions = models.TextField(_("oplossingen"), blank=True, help_text=_("Eén oplossing per regel."))
    summary = models.TextField(_("samengevat"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("tafel")
        verbose_name_plural = _("tafels")
        constraints = [models.UniqueConstraint(fields=["session", "number"], name="one_table_number_per_session")]

    def __str__(self):
        return f"{self.number}. {self.brought_by or self.question[:40]}"

    def solution_lines(self) -> list[str]:
        return [line.strip(" •-*\t") for line in self.solutions.splitlines() if line.strip(" •-*\t")]


class TableRole(models.TextChoices):
    HOST = "host", _("Vaste gast aan tafel")
    GUEST = "guest", _("Deelnemer die rouleert")


class TableParticipant(models.Model):
    session = models.ForeignKey(TableSession, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("naam"), max_length=200)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    role = models.CharField(_("rol"), max_length=10, choices=TableRole.choices, default=TableRole.GUEST)
    # Hosts sit at their table; a guest can be pinned to one.
    table = models.ForeignKey(
        Table, verbose_name=_("tafel"), on_delete=models.CASCADE, null=True, blank=True, related_name="hosts"
    )
    pinned_table = models.ForeignKey(
        Table,
        verbose_name=_("vast aan tafel"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pinned_guests",
    )
    registration = models.ForeignKey(Registration, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["role", "pk"]
        verbose_name = _("deelnemer praktijktafel")
        verbose_name_plural = _("deelnemers praktijktafel")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="host") | models.Q(table__isnull=False), name="host_has_a_table"
            )
        ]

    def __str__(self):
        return self.name


class TableSeat(models.Model):
    """Where a guest sits in one round of the plan."""

    session = models.ForeignKey(TableSession, on_delete=models.CASCADE, related_name="seats")
    round = models.PositiveSmallIntegerField()
    table = models.ForeignKey(Table, on_delete=models.CASCADE, related_name="seats")
    participant = models.ForeignKey(TableParticipant, on_delete=models.CASCADE, related_name="seats")

    class Meta:
        ordering = ["round", "table__number", "participant_id"]
        constraints = [models.UniqueConstraint(fields=["session", "round", "participant"], name="one_seat_per_round")]

    def __str__(self):
        return f"{self.participant} @ {self.table} ({self.round + 1})"
