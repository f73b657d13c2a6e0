from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spil.networks.models import LabourMarketRegion, Network


class Theme(models.TextChoices):
    """The themes of the signpost, close to those the blueprints of seed 004 use."""

    JOB_SEARCH = "job_search", _("Werk zoeken")
    LEARNING = "learning", _("Leren en ontwikkelen")
    COACHING = "coaching", _("Begeleiding en jobcoaching")
    SCHEMES = "schemes", _("Regelingen en subsidies")
    INCLUSIVE_BUSINESS = "inclusive_business", _("Inclusief ondernemen")
    OTHER = "other", _("Overig")


def one_year_before(day: date) -> date:
    """The same calendar day a year earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


class SignpostEntryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(archived=False)

    def needs_check(self, today: date | None = None):
        """Entries not checked for more than a year: checked exactly a year ago is still fine."""
        return self.filter(last_checked_on__lt=one_year_before(today or timezone.localdate()))

    def search(self, q: str):
        q = q.strip().lower()
        return self.filter(search_text__contains=q) if q else self


class SignpostEntry(models.Model):
    """An initiative or service in the region that the network points employers and job seekers to."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="signpost_entries")
    name = models.CharField(_("naam"), max_length=200)
    audience = models.TextField(_("voor wie"), max_length=1000)
    offer = models.TextField(_("wat het biedt"), max_length=4000)
    theme = models.CharField(_("thema"), max_length=30, choices=Theme.choices)
    region = models.ForeignKey(
        LabourMarketRegion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="signpost_entries",
        verbose_name=_("arbeidsmarktregio"),
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mailadres"), blank=True)
    contact_phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    archived = models.BooleanField(
        _("gearchiveerd"), default=False, help_text=_("Een gearchiveerd initiatief staat niet in de wegwijzer.")
    )
    last_checked_on = models.DateField(_("laatst gecontroleerd op"))
    last_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Lower-case name, audience and offer: the search is one LIKE on one column (as the partner search).
    search_text = models.TextField(editable=False, default="")

    objects = SignpostEntryQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("initiatief in de wegwijzer")
        verbose_name_plural = _("initiatieven in de wegwijzer")
        indexes = [
            models.Index(fields=["network", "archived", "name"], name="signpost_network_name"),
            models.Index(fields=["network", "last_checked_on"], name="signpost_network_checked"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = " ".join((self.name, self.audience, self.offer)).lower()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("knowledge_public:signpost_detail", args=[self.network.slug, self.pk])

    def needs_check(self, today: date | None = None) -> bool:
        return self.last_checked_on < one_year_before(today or timezone.localdate())
