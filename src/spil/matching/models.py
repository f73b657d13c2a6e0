"""Candidates with their consents, opportunities described in tasks, matches up to sustainable placement.

Personal data of a candidate leaves the registering organisation only under a consent in force that covers
the purpose; every view, export or match of it is written to the access log (see services and selectors)."""

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spil.partners.validators import validate_postcode


class Task(models.Model):
    """One task from the shared, editable task list: think in tasks, not in job titles (seed 003)."""

    name = models.CharField(_("taak"), max_length=120)
    key = models.CharField(max_length=120, unique=True, editable=False)  # lower-case name: no near-duplicates
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("taak")
        verbose_name_plural = _("taken")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = " ".join(self.name.split())
        self.key = self.name.lower()
        super().save(*args, **kwargs)


class TargetGroup(models.TextChoices):
    JOB_AGREEMENT = "job_agreement", _("Banenafspraak / doelgroepregister")
    WAJONG = "wajong", _("Wajong")
    WSW = "wsw", _("WSW")
    SHELTERED = "sheltered", _("Beschut werk")
    WW = "ww", _("WW")
    PARTICIPATION = "participation", _("Participatiewet / bijstand")
    REFUGEE = "refugee", _("Statushouder")
    NO_QUALIFICATION = "no_qualification", _("Zonder startkwalificatie")
    WIA = "wia", _("WIA")


class Education(models.TextChoices):
    NONE = "none", _("Geen")
    PRIMARY = "primary", _("Basisonderwijs")
    VMBO = "vmbo", _("Vmbo")
    ENTREE = "entree", _("Entreeopleiding (mbo-1)")
    MBO2 = "mbo2", _("Mbo-2")
    MBO3 = "mbo3", _("Mbo-3")
    MBO4 = "mbo4", _("Mbo-4")
    HAVO_VWO = "havo_vwo", _("Havo / vwo")
    HBO_WO = "hbo_wo", _("Hbo / wo")


class WorkFit(models.TextChoices):
    READY = "ready", _("Kan direct aan de slag")
    WITH_SUPPORT = "with_support", _("Kan aan de slag met begeleiding")
    PREPARING = "preparing", _("Nog in voorbereiding")


class Support(models.TextChoices):
    JOB_COACH = "job_coach", _("Jobcoach")
    LANGUAGE = "language", _("Taalondersteuning")
    BUDDY = "buddy", _("Buddy")
    SUPERVISOR = "supervisor", _("Praktijkbegeleider")


# What a candidate's profile holds, in the order of the form and the import: one list for both.
CANDIDATE_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "postcode",
    "municipality",
    "birth_date",
    "target_groups",
    "education",
    "sectors",
    "hours_per_week",
    "max_travel_km",
    "work_fit",
    "support_needs",
    "pitch",
    "video_url",
]


class Candidate(models.Model):
    """A job seeker registered by a public partner (WSP, UWV, municipality, school). No BSN, ever."""

    organisation = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.PROTECT,
        related_name="candidates",
        verbose_name=_("geregistreerd door organisatie"),
    )
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="candidates")
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="registered_candidates"
    )
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=100)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, validators=[validate_postcode])
    municipality = models.CharField(_("gemeente"), max_length=100)
    birth_date = models.DateField(_("geboortedatum"))
    target_groups = models.JSONField(_("doelgroepen"), default=list, blank=True)
    education = models.CharField(_("hoogste opleiding"), max_length=20, choices=Education.choices)
    tasks = models.ManyToManyField(Task, blank=True, related_name="able_candidates", verbose_name=_("kan"))
    learn_tasks = models.ManyToManyField(
        Task, blank=True, related_name="learning_candidates", verbose_name=_("wil leren")
    )
    sectors = models.JSONField(_("sectoren"), default=list, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        _("uren per week"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    max_travel_km = models.PositiveSmallIntegerField(
        _("maximale reisafstand (km)"), default=15, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    work_fit = models.CharField(_("werkfit"), max_length=20, choices=WorkFit.choices, default=WorkFit.WITH_SUPPORT)
    support_needs = models.JSONField(_("ondersteuning nodig"), default=list, blank=True)
    pitch = models.TextField(_("korte pitch"), max_length=1000, blank=True)
    video_url = models.URLField(_("video-cv"), blank=True)
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(default=timezone.now)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("kandidaat")
        verbose_name_plural = _("kandidaten")
        indexes = [
            models.Index(fields=["organisation", "last_name"]),
            models.Index(fields=["network", "anonymised_at"]),
            # The candidate lists: walked in their order (by name; newest first for employers), no sort.
            models.Index(
                fields=["network", "anonymised_at", "last_name", "first_name", "id"], name="candidate_list_by_name"
            ),
            models.Index(fields=["network", "anonymised_at", "-created_at", "-id"], name="candidate_list_newest"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}".strip() or str(_("(geanonimiseerd)"))


class ConsentPurpose(models.TextChoices):
    MATCH = "match", _("Matchen binnen het netwerk")
    ANONYMOUS_PROFILE = "anonymous_profile", _("Anoniem profiel tonen aan werkgevers van het netwerk")
    SHARE_CONTACT = "share_contact", _("Contactgegevens delen met één werkgever")
    # A video shows who the candidate is: never part of the anonymous profile, a consent of its own.
    VIDEO = "video", _("Video-cv laten zien aan de werkgevers van het netwerk")


class ConsentQuerySet(models.QuerySet):
    def in_force(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at=None, given_at__lte=now).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=now.date())
        )


class Consent(models.Model):
    """A recorded consent: purpose, network (and employer for sharing contact details), the text shown."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("doel"), max_length=20, choices=ConsentPurpose.choices)
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="+")
    employer = models.ForeignKey(
        "partners.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("werkgever"),
    )
    given_at = models.DateTimeField(_("gegeven op"), default=timezone.now)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text_version = models.CharField(_("versie van de tekst"), max_length=40)
    text = models.TextField(_("getoonde tekst"))
    expires_on = models.DateField(_("geldig tot en met"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at", "-pk"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        indexes = [
            models.Index(fields=["candidate", "purpose", "revoked_at"]),
            # Who may be matched or listed: the consents in force of one network and purpose.
            models.Index(fields=["network", "purpose", "revoked_at", "candidate"], name="consent_in_force"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(purpose="share_contact") | Q(employer__isnull=False), name="share_contact_names_employer"
            )
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} ({self.given_at:%Y-%m-%d})"


class AccessAction(models.TextChoices):
    VIEW = "view", _("Bekeken")
    EXPORT = "export", _("Geëxporteerd")
    MATCH = "match", _("Gematcht")
    EDIT = "edit", _("Gewijzigd")
    CONSENT = "consent", _("Toestemming gewijzigd")
    ERASE = "erase", _("Gewist")
    ANONYMISE = "anonymise", _("Geanonimiseerd")


class AccessLog(models.Model):
    """Who did what with whose personal data, when and why. Holds no personal data itself: after erasure the
    candidate reference is cleared and only the fact remains."""

    candidate = models.ForeignKey(Candidate, on_delete=models.SET_NULL, null=True, related_name="access_log")
    candidate_ref = models.PositiveIntegerField(editable=False)  # the id, kept after erasure
    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(max_length=20, choices=AccessAction.choices)
    reason = models.CharField(_("waarom"), max_length=200)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["candidate_ref", "-at"])]

    def __str__(self):
        return f"{self.get_action_display()} #{self.candidate_ref} {self.at:%Y-%m-%d %H:%M}"


class OpportunityKind(models.TextChoices):
    VACANCY = "vacancy", _("Vacature")
    LEARNING_JOB_BBL = "learning_job_bbl", _("Leerbaan (bbl)")
    LEARNING_JOB_CERTIFICATE = "learning_job_certificate", _("Leerbaan met praktijkverklaring")
    WORK_EXPERIENCE = "work_experience", _("Werkervaringsplek")
    INTERNSHIP = "internship", _("Stage")


class Opportunity(models.Model):
    """A place at an employer partner, described by the tasks it holds and their share of the time."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="opportunities")
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.CASCADE, related_name="opportunities", verbose_name=_("werkgever")
    )
    kind = models.CharField(_("soort"), max_length=30, choices=OpportunityKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    tasks = models.ManyToManyField(Task, through="OpportunityTask", related_name="opportunities")
    hours_per_week = models.PositiveSmallIntegerField(
        _("uren per week"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    postcode = models.CharField(_("postcode werkplek"), max_length=7, validators=[validate_postcode])
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    starts_on = models.DateField(_("startdatum"), null=True, blank=True)
    support = models.JSONField(_("beschikbare begeleiding"), default=list, blank=True)
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    learning_route = models.CharField(_("leerroute"), max_length=200, blank=True)
    school = models.CharField(_("school"), max_length=200, blank=True)
    education_level = models.CharField(_("opleidingsniveau"), max_length=20, choices=Education.choices, blank=True)
    places = models.PositiveSmallIntegerField(_("aantal plaatsen"), default=1, validators=[MinValueValidator(1)])
    is_open = models.BooleanField(_("open"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("kans")
        verbose_name_plural = _("kansen")
        indexes = [models.Index(fields=["network", "is_open"])]

    def __str__(self):
        return f"{self.title} ({self.organisation})"


class OpportunityTask(models.Model):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="task_shares")
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="+")
    share = models.PositiveSmallIntegerField(
        _("aandeel in de tijd (%)"), default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["-share", "pk"]
        constraints = [models.UniqueConstraint(fields=["opportunity", "task"], name="one_share_per_task")]

    def __str__(self):
        return f"{self.task} {self.share}%"


class JobRole(models.Model):
    """An existing role at an employer, listed in tasks for job carving (seed 004, Willy Naessens)."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("partners.Organisation", on_delete=models.CASCADE, related_name="job_roles")
    name = models.CharField(_("functie"), max_length=200)
    people = models.PositiveSmallIntegerField(_("aantal mensen in deze functie"), default=1)
    hours_per_week = models.PositiveSmallIntegerField(_("uren per week per persoon"), default=36)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Complexity(models.IntegerChoices):
    SIMPLE = 1, _("Eenvoudig")
    MEDIUM = 2, _("Gemiddeld")
    COMPLEX = 3, _("Complex")


class RoleTask(models.Model):
    role = models.ForeignKey(JobRole, on_delete=models.CASCADE, related_name="role_tasks")
    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="+")
    share = models.PositiveSmallIntegerField(
        _("aandeel in de tijd (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    complexity = models.PositiveSmallIntegerField(_("complexiteit"), choices=Complexity.choices)

    class Meta:
        ordering = ["complexity", "-share", "pk"]

    def __str__(self):
        return f"{self.task} ({self.share}%)"


class Stage(models.TextChoices):
    SUGGESTED = "suggested", _("Voorgesteld door Spil")
    PROPOSED = "proposed", _("Voorgelegd aan de werkgever")
    INTRODUCTION = "introduction", _("Kennismaking")
    TRIAL = "trial", _("Proefplaatsing")
    CONTRACT = "contract", _("Contract")
    SUSTAINABLE = "sustainable", _("Duurzaam geplaatst")
    ENDED = "ended", _("Beëindigd")


class EndReason(models.TextChoices):
    DROPOUT = "dropout", _("Uitval")
    NOT_SUITABLE = "not_suitable", _("Past niet")
    OTHER = "other", _("Anders")


class Match(models.Model):
    """A candidate and an opportunity on their way from suggestion to sustainable placement."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="matches")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="matches")
    score = models.FloatField()
    explanation = models.JSONField(default=dict)
    stage = models.CharField(_("fase"), max_length=20, choices=Stage.choices, default=Stage.SUGGESTED)
    end_reason = models.CharField(_("reden"), max_length=20, choices=EndReason.choices, blank=True)
    contract_starts_on = models.DateField(_("contract per"), null=True, blank=True)
    stage_changed_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    result = models.OneToOneField(
        "partners.Result", on_delete=models.SET_NULL, null=True, blank=True, related_name="placement"
    )

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [models.UniqueConstraint(fields=["candidate", "opportunity"], name="one_match_per_pair_of_them")]
        indexes = [models.Index(fields=["stage", "contract_starts_on"])]

    def __str__(self):
        return f"{self.candidate_id} ↔ {self.opportunity_id}: {self.get_stage_display()}"


class MatchEvent(models.Model):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="events")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_stage_display()} {self.at:%Y-%m-%d}"


class BackgroundRun:
    """A run the worker does in the background and a page follows with a progress bar: `status` (queued,
    running, done, failed), `processed` of `total` steps. Shared by imports, cohorts and exports."""

    FINISHED = frozenset({"done", "failed"})

    @property
    def finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def percentage(self) -> int:
        if self.finished:
            return 100
        return min(100, round(100 * self.processed / self.total)) if self.total else 0

    def record_progress(self, **fields) -> None:
        """A short write of its own (outside the run's transaction) that the progress poll reads."""
        type(self).objects.filter(pk=self.pk).update(**fields)
        for name, value in fields.items():
            setattr(self, name, value)


class ImportKind(models.TextChoices):
    CANDIDATES = "candidates", _("Kandidaten")
    OPPORTUNITIES = "opportunities", _("Kansen")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Niet ingelezen")


class ImportJob(BackgroundRun, models.Model):
    """One uploaded import file and how its background run went. All-or-nothing: either every row was
    created (status done) or nothing was and `errors` lists every problem by row and column (status failed)."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("soort"), max_length=20, choices=ImportKind.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # Candidates: the public partner they are registered for. Opportunities: the importer's own organisation
    # (an advisor's), which decides who else may see the job.
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    filename = models.CharField(_("bestand"), max_length=200)
    content = models.BinaryField()
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [{"row": 3, "column": "postcode", "message": "…"}]
    created_count = models.PositiveIntegerField(default=0)
    tasks_created = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        indexes = [models.Index(fields=["network", "kind", "-created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.filename}"


class CohortStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


class Cohort(BackgroundRun, models.Model):
    """A cohort assignment (De achthonderd, seed 004): a selection of candidates and open opportunities of one
    network, and the one-to-one proposal with the maximum total score, computed in the background."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("naam"), max_length=200)
    # The advisor's organisation: only its own candidates (with consent to match in this network) take part.
    organisation = models.ForeignKey("partners.Organisation", on_delete=models.CASCADE, related_name="+")
    criteria = models.JSONField(_("selectie"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=CohortStatus.choices, default=CohortStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    candidate_count = models.PositiveIntegerField(default=0)
    opportunity_count = models.PositiveIntegerField(default=0)
    total_score = models.FloatField(default=0)
    error = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorten")
        indexes = [models.Index(fields=["network", "organisation", "-created_at"])]

    def __str__(self):
        return self.name


class PairStatus(models.TextChoices):
    OPEN = "open", _("Voorstel")
    ACCEPTED = "accepted", _("Overgenomen")
    DECLINED = "declined", _("Afgewezen")


class CohortPair(models.Model):
    """One pair of the cohort's proposal; accepting it proposes the match to the employer."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="pairs")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    explanation = models.JSONField(default=dict)
    status = models.CharField(_("status"), max_length=10, choices=PairStatus.choices, default=PairStatus.OPEN)
    match = models.ForeignKey(Match, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "pk"]
        constraints = [models.UniqueConstraint(fields=["cohort", "candidate"], name="one_pair_per_cohort_candidate")]
        indexes = [models.Index(fields=["cohort", "-score", "id"], name="cohort_pairs_best_first")]

    def __str__(self):
        return f"{self.candidate_id} ↔ {self.opportunity_id} ({self.score:.0f})"


class Speedmeet(models.Model):
    """The speedmeet (drive-in, seed 004) of an activity of that kind: candidates are presented to employers,
    who mark whom they want to meet; Spil plans short meetings in rounds and, once the organiser confirms the
    plan, creates the introductions."""

    activity = models.OneToOneField("activities.Activity", on_delete=models.CASCADE, related_name="speedmeet")
    first_slot_at = models.DateTimeField(_("eerste gesprek begint om"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("minuten per gesprek"),
        default=10,
        validators=[MinValueValidator(3), MaxValueValidator(120)],
        help_text=_("Inclusief het wisselen van tafel."),
    )
    slots = models.PositiveSmallIntegerField(
        _("aantal rondes"), default=6, validators=[MinValueValidator(1), MaxValueValidator(48)]
    )
    tables = models.PositiveSmallIntegerField(
        _("aantal tafels"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("Hoeveel gesprekken er tegelijk kunnen plaatsvinden. Leeg laten als er geen maximum is."),
    )
    planned_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("speedmeet")
        verbose_name_plural = _("speedmeets")

    def __str__(self):
        return str(self.activity)

    def slot_start(self, slot: int):
        from datetime import timedelta

        return self.first_slot_at + timedelta(minutes=self.slot_minutes * slot)

    @property
    def ends_at(self):
        return self.slot_start(self.slots)


class SpeedmeetCandidate(models.Model):
    """A candidate presented at a speedmeet. Shown to employers only while a consent in force allows an
    anonymous profile for the network's employers, the video-cv only while a video consent is in force:
    revocation hides either at once."""

    speedmeet = models.ForeignKey(Speedmeet, on_delete=models.CASCADE, related_name="presented")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    # Rounds (1-based) the candidate is there; empty means the whole time.
    from_slot = models.PositiveSmallIntegerField(_("aanwezig vanaf ronde"), null=True, blank=True)
    until_slot = models.PositiveSmallIntegerField(_("aanwezig tot en met ronde"), null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["speedmeet", "candidate"], name="speedmeet_presents_candidate_once")
        ]

    def __str__(self):
        return f"{self.speedmeet_id}: {self.candidate_id}"


class SpeedmeetInterest(models.Model):
    """An employer's yes or no to meeting a presented candidate."""

    speedmeet = models.ForeignKey(Speedmeet, on_delete=models.CASCADE, related_name="interests")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("partners.Organisation", on_delete=models.CASCADE, related_name="+")
    wants = models.BooleanField(_("wil kennismaken"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["speedmeet", "candidate", "organisation"], name="one_interest_per_employer_and_candidate"
            )
        ]
        indexes = [models.Index(fields=["speedmeet", "wants"])]

    def __str__(self):
        return f"{self.organisation_id} → {self.candidate_id}: {self.wants}"


class SpeedmeetMeeting(models.Model):
    """One short meeting in the plan: in a round, at a table. Confirming the plan links the introduction."""

    speedmeet = models.ForeignKey(Speedmeet, on_delete=models.CASCADE, related_name="meetings")
    slot = models.PositiveSmallIntegerField(_("ronde"))  # 0-based
    table = models.PositiveSmallIntegerField(_("tafel"))
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("partners.Organisation", on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    match = models.ForeignKey(Match, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    note = models.CharField(max_length=300, blank=True)  # why no introduction was made

    class Meta:
        ordering = ["slot", "table", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["speedmeet", "slot", "candidate"], name="speedmeet_candidate_once_a_round"),
            models.UniqueConstraint(
                fields=["speedmeet", "slot", "organisation"], name="speedmeet_employer_once_a_round"
            ),
            models.UniqueConstraint(fields=["speedmeet", "slot", "table"], name="speedmeet_table_once_a_round"),
            models.UniqueConstraint(
                fields=["speedmeet", "candidate", "organisation"], name="speedmeet_pair_meets_once"
            ),
        ]

    def __str__(self):
        return f"{self.slot + 1}/{self.table}: {self.organisation_id} ↔ {self.candidate_id}"


class SpeedmeetEmployer(models.Model):
    """When a registered employer is there (the drive-in ran in shows: each car came for one). Without a row
    the employer is there the whole time."""

    speedmeet = models.ForeignKey(Speedmeet, on_delete=models.CASCADE, related_name="employers")
    organisation = models.ForeignKey("partners.Organisation", on_delete=models.CASCADE, related_name="+")
    from_slot = models.PositiveSmallIntegerField(_("aanwezig vanaf ronde"), null=True, blank=True)
    until_slot = models.PositiveSmallIntegerField(_("aanwezig tot en met ronde"), null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["speedmeet", "organisation"], name="speedmeet_employer_presence_once")
        ]

    def __str__(self):
        return f"{self.speedmeet_id}: {self.organisation_id}"


class ExportKind(models.TextChoices):
    CANDIDATES = "candidates", _("Kandidaten")
    OPPORTUNITIES = "opportunities", _("Kansen")
    MATCHES = "matches", _("Matches")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


class ExportJob(BackgroundRun, models.Model):
    """One XLSX export of a matching list, built in the background for the member who asked for it (see
    export_job_services). The role and organisation of the request decide what the file holds; the file is for
    its requester only and is emptied once SPIL_EXPORT_KEEP_MINUTES have passed (wiped_at)."""

    network = models.ForeignKey("networks.Network", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("rol"), max_length=20)
    organisation = models.ForeignKey(
        "partners.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=ExportKind.choices)
    filters = models.JSONField(default=dict, blank=True)  # the list's filters, as list_filters reads them
    language = models.CharField(max_length=10, blank=True)  # the requester's, for the column names
    status = models.CharField(_("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    content = models.BinaryField(default=b"")
    filename = models.CharField(_("bestand"), max_length=200, blank=True)
    message = models.CharField(max_length=300, blank=True)  # why it failed
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)  # the last download
    wiped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        indexes = [
            models.Index(fields=["network", "user", "-created_at"]),
            models.Index(fields=["wiped_at", "finished_at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.filename or self.pk}"

    @property
    def expires_at(self):
        """Until when the file may be downloaded."""
        if self.finished_at is None:
            return None
        return self.finished_at + timedelta(minutes=settings.SPIL_EXPORT_KEEP_MINUTES)

    @property
    def available(self) -> bool:
        expires_at = self.expires_at
        return (
            self.status == ExportStatus.DONE
            and self.wiped_at is None
            and expires_at is not None
            and timezone.now() < expires_at
        )
