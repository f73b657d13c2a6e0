"""Reads of the signpost shared by the public pages and the editors' pages."""

from datetime import date

from django.utils import timezone

from spil.networks.models import LabourMarketRegion, Network

from .models import SignpostEntry, one_year_before


def public_entries(*, network: Network, q: str = "", theme: str = "", region: LabourMarketRegion | None = None):
    entries = SignpostEntry.objects.filter(network=network).published().search(q or "")
    if theme:
        entries = entries.filter(theme=theme)
    if region is not None:
        entries = entries.filter(region=region)
    return entries.select_related("region").order_by("name", "pk")


def public_regions(network: Network):
    """The regions that published entries of the network name: the choices of the region filter."""
    used = SignpostEntry.objects.filter(network=network).published().values("region")
    return LabourMarketRegion.objects.filter(pk__in=used).order_by("name")


def public_entry(*, network: Network, pk: int) -> SignpostEntry | None:
    return SignpostEntry.objects.filter(network=network).published().select_related("region").filter(pk=pk).first()


def managed_entries(*, network: Network, q: str = "", status: str = "", today: date | None = None):
    entries = SignpostEntry.objects.filter(network=network).search(q or "")
    if status == "archived":
        entries = entries.filter(archived=True)
    else:
        entries = entries.published()
        if status == "check":
            entries = entries.needs_check(today)
    return entries.select_related("region", "last_checked_by").order_by("name", "pk")


def needs_check_count(*, network: Network, today: date | None = None) -> int:
    return SignpostEntry.objects.filter(network=network).published().needs_check(today).count()


def stale_before(today: date | None = None) -> date:
    """Entries last checked before this day are flagged (see SignpostEntryQuerySet.needs_check)."""
    return one_year_before(today or timezone.localdate())
