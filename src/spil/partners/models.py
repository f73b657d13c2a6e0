from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from spil.networks.models import Network

from .validators import validate_kvk, validate_postcode


class OrganisationKind(models.TextChoices):
    EMPLOYER = "employer", _("Werkgever")
    WSP = "wsp", _("Werkgeversservicepunt")
    UWV = "uwv", _("UWV")
    MUNICIPALITY = "municipality", _("Gemeente")
    EMPLOYER_ASSOCIATION = "employer_association", _("Werkgeversvereniging")
    EDUCATION = "education", _("Onderwijs")
    OTHER = "other", _("Anders")


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(
        _("soort"), max_length=30, choices=OrganisationKind.choices, default=OrganisationKind.EMPLOYER
    )
    kvk_number = models.CharField(
        _("KvK-nummer"), max_length=8, unique=True, null=True, blank=True, validators=[validate_kvk]
    )
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    employees = models.PositiveIntegerField(_("aantal medewerkers"), null=True, blank=True)
    street = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True, validators=[validate_postcode])
    municipality = models.CharField(_("gemeente"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    # Lower-case name, municipality, sector and KvK number: the partner search is one
    # LIKE on one column instead of a case-folding LIKE on four.
    search_text = models.CharField(max_length=500, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        indexes = [models.Index(fields=["name"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.fill_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def fill_search_text(self) -> None:
        parts = (self.name, self.municipality, self.sector, self.kvk_number or "")
        self.search_text = " ".join(part for part in parts if part).lower()[:500]


class Contact(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("naam"), max_length=200)
    function = models.CharField(_("functie"), max_length=200, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    APPLICANT = "applicant", _("Aangemeld")
    ADMITTED = "admitted", _("Toegelaten")
    DECLINED = "declined", _("Afgewezen")
    ACTIVE = "active", _("Actief")
    INACTIVE = "inactive", _("Minder actief")
    LEFT = "left", _("Vertrokken")


# The partnership life cycle: which status may follow which.
TRANSITIONS: dict[str, set[str]] = {
    Status.APPLICANT: {Status.ADMITTED, Status.DECLINED},
    Status.ADMITTED: {Status.ACTIVE, Status.LEFT},
    Status.DECLINED: set(),
    Status.ACTIVE: {Status.INACTIVE, Status.LEFT},
    Status.INACTIVE: {Status.ACTIVE, Status.LEFT},
    Status.LEFT: {Status.ACTIVE},
}


class Stage(models.TextChoices):
    STARTER = "starter", _("Starter")
    ADVANCED = "advanced", _("Gevorderd")
    EXPERT = "expert", _("Expert")


class Source(models.TextChoices):
    PUBLIC_FORM = "public_form", _("Aanmeldformulier")
    COORDINATOR = "coordinator", _("Ingevoerd door coördinator")
    IMPORT = "import", _("Import")


# Partnerships that belong to the network (not applications, refusals or departures).
MEMBER_STATUSES = [Status.ADMITTED, Status.ACTIVE, Status.INACTIVE]


class PartnershipQuerySet(models.QuerySet):
    def members(self):
        return self.filter(status__in=MEMBER_STATUSES)


class Partnership(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="partnerships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="partnerships")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.APPLICANT)
    stage = models.CharField(_("fase"), max_length=20, choices=Stage.choices, default=Stage.STARTER)
    joined_on = models.DateField(_("lid sinds"), null=True, blank=True)
    main_contact = models.ForeignKey(
        Contact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hoofdcontactpersoon"),
    )
    source = models.CharField(_("bron"), max_length=20, choices=Source.choices, default=Source.COORDINATOR)
    motivation = models.TextField(_("motivatie"), blank=True)
    applied_at = models.DateTimeField(_("aangemeld op"), null=True, blank=True)
    # Counts kept by the ambition and result services, so that the lists of partners
    # without ambition or without result are plain column filters.
    ambition_count = models.PositiveIntegerField(default=0, editable=False)
    result_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("partnerschap")
        verbose_name_plural = _("partnerschappen")
        constraints = [
            models.UniqueConstraint(fields=["network", "organisation"], name="one_partnership_per_network"),
        ]
        indexes = [models.Index(fields=["network", "status"])]

    def __str__(self):
        return f"{self.organisation} in {self.network}"

    def get_absolute_url(self):
        return reverse("partners:detail", args=[self.network.slug, self.pk])


class Opinion(models.TextChoices):
    IN_FAVOUR = "in_favour", _("Voor toelating")
    AGAINST = "against", _("Tegen toelating")
    NEUTRAL = "neutral", _("Neutraal / vraag")


class AdmissionOpinion(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="opinions")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opinion = models.CharField(_("advies"), max_length=20, choices=Opinion.choices)
    comment = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "author"], name="one_opinion_per_member"),
        ]

    def __str__(self):
        return f"{self.author}: {self.get_opinion_display()}"


class Decision(models.TextChoices):
    ADMITTED = "admitted", _("Toegelaten")
    DECLINED = "declined", _("Afgewezen")


class AdmissionDecision(models.Model):
    partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE, related_name="decision")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(_("besluit"), max_length=20, choices=Decision.choices)
    reason = models.TextField(_("reden"))
    decided_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.get_decision_display()} ({self.partnership})"


# The largest target or result one form accepts (a hundred million: euros of social procurement).
MAX_FIGURE = 100_000_000


class AmbitionKind(models.TextChoices):
    JOBS = "jobs", _("Banen voor mensen met afstand tot de arbeidsmarkt")
    LEARNING_JOBS = "learning_jobs", _("Leerbanen")
    PLACES = "places", _("Stage- en werkervaringsplekken")
    SOCIAL_PROCUREMENT = "social_procurement", _("Sociale inkoop (euro)")
    OTHER = "other", _("Anders")


class Ambition(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="ambitions")
    # The partnership's network, copied (it never changes) so that network totals read one index.
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+", editable=False)
    kind = models.CharField(_("soort"), max_length=30, choices=AmbitionKind.choices)
    target = models.PositiveIntegerField(_("doel"), validators=[MinValueValidator(1), MaxValueValidator(MAX_FIGURE)])
    target_date = models.DateField(_("te halen op"))
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)
    # The sum of the results, kept by the result services so totals need no join over results.
    realised = models.PositiveBigIntegerField(_("gerealiseerd"), default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["target_date", "pk"]
        verbose_name = _("ambitie")
        verbose_name_plural = _("ambities")
        constraints = [models.CheckConstraint(condition=models.Q(target__gte=1), name="ambition_target_positive")]
        # Covers the per-kind totals of a network, so they are summed from the index alone.
        indexes = [
            models.Index(fields=["partnership", "kind", "target", "realised"], name="ambition_totals_idx"),
            models.Index(fields=["network", "kind", "target", "realised"], name="ambition_network_totals_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.target}"

    def save(self, *args, **kwargs):
        if self.network_id is None:
            self.network_id = self.partnership.network_id
        super().save(*args, **kwargs)

    @property
    def percentage(self) -> int:
        return round(100 * self.realised / self.target) if self.target else 0

    @property
    def kind_label(self) -> str:
        # A plain string: a lazy label is translated again at every use in a template.
        return str(AmbitionKind(self.kind).label)


class Result(models.Model):
    ambition = models.ForeignKey(Ambition, on_delete=models.CASCADE, related_name="results")
    number = models.PositiveIntegerField(_("aantal"), validators=[MinValueValidator(1), MaxValueValidator(MAX_FIGURE)])
    date = models.DateField(_("datum"))
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("resultaat")
        verbose_name_plural = _("resultaten")
        constraints = [models.CheckConstraint(condition=models.Q(number__gte=1), name="result_number_positive")]

    def __str__(self):
        return f"{self.number} op {self.date}"


class Contribution(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="contributions")
    year = models.PositiveSmallIntegerField(_("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    amount = models.DecimalField(
        _("bedrag (€)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    invoiced_on = models.DateField(_("gefactureerd op"), null=True, blank=True)
    paid_on = models.DateField(_("betaald op"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "partnership__organisation__name"]
        verbose_name = _("contributie")
        verbose_name_plural = _("contributies")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"], name="one_contribution_per_year"),
        ]
        indexes = [models.Index(fields=["year", "paid_on"])]

    def __str__(self):
        return f"{self.partnership} {self.year}: € {self.amount}"
