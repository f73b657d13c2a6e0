"""Use cases that change a network, its bodies, stakeholders and cooperations."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import Body, BodyKind, Network


def network_update(*, network: Network, regions) -> Network:
    with transaction.atomic(durable=True):
        network.save()
        network.regions.set(regions)
    return network


def body_ensure_all(*, network: Network) -> None:
    """Every network has each kind of body (possibly without seats yet)."""
    existing = set(Body.objects.filter(network=network).values_list("kind", flat=True))
    Body.objects.bulk_create([Body(network=network, kind=kind) for kind in BodyKind.values if kind not in existing])


def _save_unique(instance, field: str, message: str):
    try:
        with transaction.atomic(durable=True):
            instance.save()
    except IntegrityError as error:
        raise ValidationError({field: message}) from error
    return instance


def seat_add(*, seat):
    return _save_unique(seat, "role", _("Dit orgaan heeft al een voorzitter."))


def seat_remove(*, seat) -> None:
    with transaction.atomic(durable=True):
        seat.delete()


def body_update(*, body: Body):
    with transaction.atomic(durable=True):
        body.save()
    return body


def stakeholder_save(*, stakeholder):
    return _save_unique(stakeholder, "name", _("Deze stakeholder staat al in de lijst."))


def cooperation_save(*, cooperation):
    return _save_unique(cooperation, "partner_name", _("Met dit netwerk is al een samenwerking vastgelegd."))
