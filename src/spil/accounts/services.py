"""Use cases for people's access: inviting someone into a network with a role, and ending it."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from . import tasks
from .models import Membership, Role

ORGANISATION_ROLES = {Role.PARTNER_CONTACT, Role.PUBLIC_ADVISOR}


def membership_invite(*, network, email: str, first_name: str, last_name: str, role: str, organisation=None):
    """Give a person a role in the network; a new person gets an account and an email to choose a password."""
    if role in ORGANISATION_ROLES and organisation is None:
        raise ValidationError({"organisation": _("Kies de organisatie bij deze rol.")})
    if role not in ORGANISATION_ROLES:
        organisation = None
    email = email.strip().lower()
    try:
        with transaction.atomic(durable=True):
            user = get_user_model().objects.filter(email=email).first()
            if user is None:
                user = get_user_model().objects.create_user(email=email, first_name=first_name, last_name=last_name)
            membership = Membership.objects.create(user=user, network=network, role=role, organisation=organisation)
            transaction.on_commit(lambda: tasks.send_invitation.enqueue(membership.pk))
    except IntegrityError as error:
        raise ValidationError({"email": _("Deze persoon heeft al een rol in dit netwerk.")}) from error
    return membership


def membership_end(*, membership: Membership, ended_by) -> None:
    """Take away a person's role in the network (the account and other networks stay)."""
    if membership.user_id == ended_by.pk:
        raise ValidationError(_("U kunt uw eigen toegang niet beëindigen; vraag een andere coördinator."))
    with transaction.atomic(durable=True):
        membership.delete()
