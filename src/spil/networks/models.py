from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class LabourMarketRegion(models.Model):
    """One of the 35 Dutch arbeidsmarktregio's (shipped by a data migration)."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(_("naam"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("arbeidsmarktregio")
        verbose_name_plural = _("arbeidsmarktregio's")

    def __str__(self):
        return self.name


class FinancingModel(models.TextChoices):
    CONTRIBUTIONS = "contributions", _("Bijdragen van werkgevers")
    EXTERNAL = "external", _("Externe financier (opdrachtgever)")


class OwnershipModel(models.TextChoices):
    OWNERSHIP = "ownership", _("Eigenaarschap bij werkgevers")
    UNBURDENING = "unburdening", _("Ontzorgen door de coördinator")


class Network(models.Model):
    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(unique=True, max_length=120)
    regions = models.ManyToManyField(
        LabourMarketRegion, blank=True, related_name="networks", verbose_name=_("arbeidsmarktregio's")
    )
    founded_on = models.DateField(_("opgericht op"), null=True, blank=True)
    predecessor = models.CharField(_("voorganger"), max_length=200, blank=True)
    principles = models.TextField(_("uitgangspunten"), blank=True, help_text=_("Eén per regel."))
    financing_model = models.CharField(
        _("financieringsmodel"),
        max_length=20,
        choices=FinancingModel.choices,
        default=FinancingModel.CONTRIBUTIONS,
    )
    funder = models.CharField(
        _("financier"),
        max_length=200,
        blank=True,
        help_text=_("Bij een externe financier: die wordt opdrachtgever van het netwerk."),
    )
    ownership_model = models.CharField(
        _("rol van de werkgevers"),
        max_length=20,
        choices=OwnershipModel.choices,
        default=OwnershipModel.OWNERSHIP,
    )
    description = models.TextField(_("beschrijving"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("netwerk")
        verbose_name_plural = _("netwerken")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(financing_model="external") | ~models.Q(funder=""),
                name="external_financing_names_funder",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("dashboards:network", args=[self.slug])

    @property
    def principal(self) -> str:
        """Who commissions the network: the funder when external, else the employers."""
        if self.financing_model == FinancingModel.EXTERNAL:
            return self.funder
        return str(_("de deelnemende werkgevers"))

    def principle_list(self) -> list[str]:
        return [line.strip(" •-") for line in self.principles.splitlines() if line.strip(" •-")]


class BodyKind(models.TextChoices):
    CORE_GROUP = "core_group", _("Kerngroep")
    STEERING = "steering", _("Stuurgroep")
    SOUNDING_BOARD = "sounding_board", _("Klankbordgroep")
    AMBASSADORS = "ambassadors", _("Ambassadeursgroep")
    COMMUNICATION = "communication", _("Communicatiewerkgroep")


class Body(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="bodies")
    kind = models.CharField(_("soort"), max_length=20, choices=BodyKind.choices)
    description = models.TextField(_("taak"), blank=True)
    meeting_every_weeks = models.PositiveSmallIntegerField(
        _("vergadert elke … weken"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )

    class Meta:
        ordering = ["network", "kind"]
        verbose_name = _("orgaan")
        verbose_name_plural = _("organen")
        constraints = [models.UniqueConstraint(fields=["network", "kind"], name="one_body_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.network}"


class SeatRole(models.TextChoices):
    CHAIR = "chair", _("Voorzitter")
    SECRETARY = "secretary", _("Secretaris")
    TREASURER = "treasurer", _("Penningmeester")
    RELATIONS = "relations", _("Relatiebeheerder")
    SPOKESPERSON = "spokesperson", _("Woordvoerder")
    COMMUNICATION = "communication", _("Communicatie")
    MEMBER = "member", _("Lid")


class Seat(models.Model):
    """A person's seat in a body: a Spil user, or a named person of an organisation."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="seats")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="seats",
        verbose_name=_("gebruiker"),
    )
    person_name = models.CharField(_("naam"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisatie"), max_length=200, blank=True)
    role = models.CharField(_("zetel"), max_length=20, choices=SeatRole.choices, default=SeatRole.MEMBER)

    class Meta:
        ordering = ["body", "role", "person_name"]
        verbose_name = _("zetel")
        verbose_name_plural = _("zetels")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(person_name=""),
                name="seat_has_a_person",
            ),
            models.UniqueConstraint(fields=["body"], condition=models.Q(role="chair"), name="one_chair_per_body"),
        ]

    def __str__(self):
        return f"{self.display_name} ({self.get_role_display()})"

    @property
    def display_name(self) -> str:
        return self.person_name or (str(self.user) if self.user_id else "")


class StakeholderKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Gemeente")
    WSP = "wsp", _("Werkgeversservicepunt")
    UWV = "uwv", _("UWV")
    EMPLOYER_ASSOCIATION = "employer_association", _("Werkgeversorganisatie")
    EDUCATION = "education", _("Onderwijs")
    SBB = "sbb", _("SBB")
    UNION = "union", _("Vakbond")
    NETWORK = "network", _("Ander netwerk")
    OTHER = "other", _("Anders")


class Stakeholder(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=30, choices=StakeholderKind.choices)
    interest = models.PositiveSmallIntegerField(
        _("belang (1–5)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    influence = models.PositiveSmallIntegerField(
        _("invloed (1–5)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    notes = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="unique_stakeholder_name"),
            models.CheckConstraint(
                condition=models.Q(interest__gte=1, interest__lte=5, influence__gte=1, influence__lte=5),
                name="stakeholder_scores_in_range",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def quadrant(self) -> str:
        """The classic power/interest grid of a stakeholder analysis."""
        high_influence, high_interest = self.influence >= 3, self.interest >= 3
        if high_influence and high_interest:
            return str(_("Nauw betrekken"))
        if high_influence:
            return str(_("Tevreden houden"))
        if high_interest:
            return str(_("Informeren"))
        return str(_("Monitoren"))


class CooperationLevel(models.IntegerChoices):
    FULL = 1, _("1. Volledige samenwerking: één netwerk")
    SOUNDING_BOARD = 2, _("2. Het andere netwerk zit in de klankbordgroep")
    ACTIVITIES = 3, _("3. Samenwerking op activiteiten en projecten")
    INFORMATION = 4, _("4. Informatie-uitwisseling")


class Cooperation(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="cooperations")
    partner_name = models.CharField(_("ander netwerk"), max_length=200)
    level = models.PositiveSmallIntegerField(_("niveau"), choices=CooperationLevel.choices)
    since = models.DateField(_("sinds"), null=True, blank=True)
    notes = models.TextField(_("afspraken"), blank=True)

    class Meta:
        ordering = ["level", "partner_name"]
        verbose_name = _("samenwerking")
        verbose_name_plural = _("samenwerkingen")
        constraints = [
            models.UniqueConstraint(fields=["network", "partner_name"], name="unique_cooperation"),
        ]

    def __str__(self):
        return f"{self.partner_name} ({self.get_level_display()})"
