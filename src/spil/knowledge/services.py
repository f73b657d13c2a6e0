"""Use cases of the signpost: an editor adds, changes, confirms and removes initiatives."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spil.accounts.models import User
from spil.networks.models import Network

from .models import SignpostEntry


def _check_region(entry: SignpostEntry) -> None:
    if entry.region_id is None:
        return
    regions = set(entry.network.regions.values_list("pk", flat=True))
    if regions and entry.region_id not in regions:
        raise ValidationError({"region": _("Kies een arbeidsmarktregio van dit netwerk.")})


def signpost_entry_create(*, network: Network, entry: SignpostEntry, user: User) -> SignpostEntry:
    """A new entry counts as checked today: the editor has just looked it up."""
    entry.network = network
    entry.created_by = entry.updated_by = entry.last_checked_by = user
    entry.last_checked_on = timezone.localdate()
    _check_region(entry)
    entry.full_clean()
    with transaction.atomic(durable=True):
        entry.save()
    return entry


def signpost_entry_update(*, entry: SignpostEntry, user: User) -> SignpostEntry:
    """Save an edited entry; editing is not the same as confirming it is still current."""
    entry.updated_by = user
    _check_region(entry)
    entry.full_clean()
    with transaction.atomic(durable=True):
        entry.save()
    return entry


def signpost_entry_mark_checked(*, entry: SignpostEntry, user: User, today: date | None = None) -> SignpostEntry:
    """The one-click "nog actueel": the entry was checked today by this user."""
    today = today or timezone.localdate()
    with transaction.atomic(durable=True):
        SignpostEntry.objects.filter(pk=entry.pk).update(
            last_checked_on=today, last_checked_by=user, updated_by=user, updated_at=timezone.now()
        )
    entry.last_checked_on, entry.last_checked_by, entry.updated_by = today, user, user
    return entry


def signpost_entry_delete(*, entry: SignpostEntry) -> None:
    with transaction.atomic(durable=True):
        entry.delete()
