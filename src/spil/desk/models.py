import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spil.partners.validators import validate_postcode


def new_token() -> str:
    return secrets.token_urlsafe(24)


class PostcodeArea(models.Model):
    """Which labour-market region a postcode area (its first two digits) belongs to.

    The project ships a fallback table (see the data migration) because no postcode data can be
    installed as a package here; an area that straddles two regions goes to the larger one, and the
    person doing the intake corrects the region of a request where needed. Platform administrators can
    refine it in the Django admin.
    """

    prefix = models.CharField(_("postcodegebied"), max_length=2, unique=True)
    region = models.ForeignKey("networks.LabourMarketRegion", on_delete=models.CASCADE, related_name="postcode_areas")

    class Meta:
        ordering = ["prefix"]
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")

    def __str__(self):
        return f"{self.prefix}xx → {self.region}"


class RequestKind(models.TextChoices):
    STAFF_WANTED = "staff_wanted", _("Ik zoek personeel")
    STAFF_SURPLUS = "staff_surplus", _("Ik heb personeel over")
    REGULATIONS = "regulations", _("Vraag over regelingen of instrumenten")
    INCLUSIVE_HIRING = "inclusive_hiring", _("Advies over inclusief werven")
    OTHER = "other", _("Iets anders")


class RequestStatus(models.TextChoices):
    NEW = "new", _("Nieuw")
    IN_PROGRESS = "in_progress", _("In behandeling")
    REFERRED = "referred", _("Doorverwezen")
    CONFIRMED = "confirmed", _("Opvolging bevestigd")
    CLOSED = "closed", _("Afgesloten")


OPEN_STATUSES = (RequestStatus.NEW, RequestStatus.IN_PROGRESS, RequestStatus.REFERRED, RequestStatus.CONFIRMED)


class Source(models.TextChoices):
    PUBLIC = "public", _("Openbaar formulier")
    PARTNER = "partner", _("Partner in Spil")
    DESK = "desk", _("Ingevoerd door het loket")


class Request(models.Model):
    """An employer's question to the network's desk (werkgeversloket), answered within one working day."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="desk_requests")
    kind = models.CharField(_("soort vraag"), max_length=20, choices=RequestKind.choices)
    description = models.TextField(_("uw vraag"))
    organisation_name = models.CharField(_("organisatie"), max_length=200)
    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="desk_requests",
        verbose_name=_("organisatie in Spil"),
    )
    contact_name = models.CharField(_("naam contactpersoon"), max_length=200)
    email = models.EmailField(_("e-mailadres"))
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, validators=[validate_postcode])
    region = models.ForeignKey(
        "networks.LabourMarketRegion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="desk_requests",
        verbose_name=_("arbeidsmarktregio"),
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.PUBLIC)
    status = models.CharField(_("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.NEW)
    submitted_at = models.DateTimeField(_("ingediend op"), default=timezone.now)
    due_at = models.DateTimeField(_("eerste antwoord uiterlijk"))
    # The first answer to the employer: the intake. Seconds are kept so reports average without date maths.
    first_response_at = models.DateTimeField(_("eerste antwoord op"), null=True, blank=True)
    response_seconds = models.PositiveIntegerField(null=True, blank=True, editable=False)
    answered_in_time = models.BooleanField(null=True, editable=False)
    on_duty = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dienst bij binnenkomst"),
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handled_desk_requests",
        verbose_name=_("intake door"),
    )
    question_behind = models.TextField(_("vraag achter de vraag"), blank=True)
    referred_to = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referred_desk_requests",
        verbose_name=_("doorverwezen naar"),
    )
    referral_note = models.TextField(_("overdrachtsnotitie"), blank=True)
    referred_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # How fast the partner took over after the referral, for the per-WSP report.
    confirm_seconds = models.PositiveIntegerField(null=True, blank=True, editable=False)
    confirmed_in_time = models.BooleanField(null=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(_("uitkomst"), blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True, editable=False)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("loketvraag")
        verbose_name_plural = _("loketvragen")
        indexes = [
            models.Index(fields=["network", "status", "due_at"]),
            # The list pages: newest first, with the id as tie-breaker so the index serves the ORDER BY.
            models.Index(fields=["network", "-submitted_at", "-id"]),
            models.Index(fields=["referred_to", "-submitted_at", "-id"]),
            models.Index(fields=["organisation", "-submitted_at", "-id"]),
            # Open requests without an answer: the overdue list, the flags and the escalation sweep.
            models.Index(fields=["network", "first_response_at", "due_at"]),
            models.Index(fields=["organisation", "first_response_at"]),
            # The report: every column it groups and sums, so the period's rows come from the index alone.
            models.Index(
                fields=[
                    "network",
                    "submitted_at",
                    "region",
                    "referred_to",
                    "status",
                    "first_response_at",
                    "answered_in_time",
                    "response_seconds",
                    "confirmed_at",
                    "confirmed_in_time",
                    "confirm_seconds",
                ],
                name="desk_request_report",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_response_at__isnull=True) | Q(first_response_at__gte=models.F("submitted_at")),
                name="desk_request_response_after_submission",
            ),
        ]

    def __str__(self):
        return f"{self.organisation_name}: {self.get_kind_display()}"


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Vraag ontvangen")
    INTAKE = "intake", _("Intake gedaan")
    REFERRED = "referred", _("Doorverwezen")
    CONFIRMED = "confirmed", _("Opvolging bevestigd")
    CLOSED = "closed", _("Afgesloten")
    ESCALATED = "escalated", _("Geëscaleerd naar de coördinator")
    NOTE = "note", _("Notitie")


class RequestEvent(models.Model):
    """The history of a request: each step, who took it, and whether the employer was emailed."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d %H:%M})"


class DutyShift(models.Model):
    """Who takes the intake of new requests on one working day."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="duty_shifts")
    day = models.DateField(_("dag"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="duty_shifts")

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["network", "day"], name="one_duty_per_network_day")]
        verbose_name = _("loketdienst")
        verbose_name_plural = _("loketdiensten")

    def __str__(self):
        return f"{self.day}: {self.user}"


class OfferKind(models.TextChoices):
    SURPLUS = "surplus", _("Personeel over")
    NEED = "need", _("Personeel nodig")


class StaffOffer(models.Model):
    """Collegial staff exchange: an employer with people to spare, or one who needs people for a while."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="staff_offers")
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.CASCADE, related_name="staff_offers", verbose_name=_("werkgever")
    )
    kind = models.CharField(_("soort"), max_length=10, choices=OfferKind.choices)
    tasks = models.CharField(
        _("taken"), max_length=500, help_text=_("Gescheiden door komma's, bijvoorbeeld: orderpicken, inpakken")
    )
    people = models.PositiveSmallIntegerField(_("aantal mensen"), default=1, validators=[MinValueValidator(1)])
    starts_on = models.DateField(_("vanaf"))
    ends_on = models.DateField(_("tot en met"))
    postcode = models.CharField(_("postcode"), max_length=7, validators=[validate_postcode])
    region = models.ForeignKey(
        "networks.LabourMarketRegion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("toelichting"), blank=True)
    is_open = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("aanbod of vraag personeel")
        verbose_name_plural = _("personeelsuitwisseling")
        # The open offers of a network in the order the exchange page lists them.
        indexes = [models.Index(fields=["network", "is_open", "kind", "starts_on", "id"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="staff_offer_period_order"),
            models.CheckConstraint(condition=Q(people__gte=1), name="staff_offer_people_positive"),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.get_kind_display()} ({self.tasks})"

    def task_set(self) -> set[str]:
        return {task.strip().lower() for task in self.tasks.split(",") if task.strip()}


class ExchangeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    ACCEPTED = "accepted", _("Door beide geaccepteerd")
    DECLINED = "declined", _("Afgewezen")
    DONE = "done", _("Opgevolgd door het loket")


class ExchangeMatch(models.Model):
    """A proposed pair of surplus and need; both employers accept before the desk follows it up."""

    surplus = models.ForeignKey(StaffOffer, on_delete=models.CASCADE, related_name="matches_as_surplus")
    need = models.ForeignKey(StaffOffer, on_delete=models.CASCADE, related_name="matches_as_need")
    score = models.FloatField()
    explanation = models.CharField(max_length=500)
    surplus_accepted_at = models.DateTimeField(null=True, blank=True)
    need_accepted_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=ExchangeStatus.choices, default=ExchangeStatus.PROPOSED)
    follow_up_note = models.TextField(_("opvolging door het loket"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [models.UniqueConstraint(fields=["surplus", "need"], name="one_match_per_pair")]

    def __str__(self):
        return f"{self.surplus} ↔ {self.need}"
