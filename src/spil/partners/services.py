"""Use cases that change partners, admissions, ambitions and contributions."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from spil.networks.models import Network

from . import tasks
from .models import (
    TRANSITIONS,
    AdmissionDecision,
    AdmissionOpinion,
    Ambition,
    Contact,
    Contribution,
    Decision,
    Organisation,
    Partnership,
    Result,
    Source,
    Status,
)


def partnership_create(
    *, network: Network, organisation: Organisation, contact: Contact | None, partnership: Partnership
) -> Partnership:
    """Add an organisation (new, unsaved) with its first contact as an active partner."""
    with transaction.atomic(durable=True):
        organisation.save()
        if contact is not None:
            contact.organisation = organisation
            contact.save()
        partnership.network = network
        partnership.organisation = organisation
        partnership.status = Status.ACTIVE
        partnership.source = Source.COORDINATOR
        partnership.main_contact = contact
        partnership.joined_on = partnership.joined_on or timezone.localdate()
        partnership.save()
    return partnership


def partnership_update(*, partnership: Partnership, previous_status: str) -> Partnership:
    if partnership.status != previous_status and partnership.status not in TRANSITIONS[previous_status]:
        raise ValidationError(
            {
                "status": _("Van %(old)s naar %(new)s kan niet.")
                % {
                    "old": Status(previous_status).label,
                    "new": Status(partnership.status).label,
                }
            }
        )
    if previous_status == Status.APPLICANT and partnership.status != previous_status:
        raise ValidationError({"status": _("Over een aanmelding beslist de kerngroep.")})
    with transaction.atomic(durable=True):
        partnership.save()
    return partnership


def contact_create(*, partnership: Partnership, contact: Contact, make_main: bool) -> Contact:
    with transaction.atomic(durable=True):
        contact.organisation_id = partnership.organisation_id
        contact.save()
        if make_main or partnership.main_contact_id is None:
            partnership.main_contact = contact
            partnership.save(update_fields=["main_contact"])
    return contact


def application_submit(*, network: Network, data: dict, source: str = Source.PUBLIC_FORM) -> Partnership:
    """Register an application for admission: organisation, contact and partnership together.

    An organisation already known by its KvK number is reused; one that already has a
    partnership in this network is refused with a message.
    """
    with transaction.atomic(durable=True):
        organisation = None
        if data.get("kvk_number"):
            organisation = Organisation.objects.filter(kvk_number=data["kvk_number"]).first()
        if organisation is None:
            organisation = Organisation.objects.create(
                name=data["organisation_name"],
                kvk_number=data.get("kvk_number") or None,
                sector=data.get("sector", ""),
                employees=data.get("employees"),
                postcode=data["postcode"],
                municipality=data["municipality"],
            )
        elif Partnership.objects.filter(network=network, organisation=organisation).exists():
            raise ValidationError(
                {"kvk_number": _("%(name)s is al aangemeld bij of lid van dit netwerk.") % {"name": organisation.name}}
            )
        contact = Contact.objects.create(
            organisation=organisation,
            name=data["contact_name"],
            function=data.get("contact_function", ""),
            email=data["contact_email"],
            phone=data.get("contact_phone", ""),
        )
        partnership = Partnership.objects.create(
            network=network,
            organisation=organisation,
            status=Status.APPLICANT,
            source=source,
            motivation=data["motivation"],
            main_contact=contact,
            applied_at=timezone.now(),
        )
        transaction.on_commit(lambda: tasks.send_application_received.enqueue(partnership.pk))
    return partnership


def opinion_give(*, partnership: Partnership, author, opinion: str, comment: str) -> AdmissionOpinion:
    """A kerngroep member's opinion on an application; giving it again replaces the earlier one."""
    if partnership.status != Status.APPLICANT:
        raise ValidationError(_("Over deze aanmelding is al besloten."))
    with transaction.atomic(durable=True):
        record, _created = AdmissionOpinion.objects.update_or_create(
            partnership=partnership, author=author, defaults={"opinion": opinion, "comment": comment}
        )
    return record


def admission_decide(
    *, partnership_id: int, decided_by, decision: str, reason: str, is_chair: bool
) -> AdmissionDecision:
    """The chair records the kerngroep's decision; the applicant's contact is emailed."""
    if not is_chair:
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden van het besluit.")})
    with transaction.atomic(durable=True):
        # Lock and re-read so that two simultaneous decisions cannot both pass.
        partnership = Partnership.objects.select_for_update().get(pk=partnership_id)
        if partnership.status != Status.APPLICANT:
            raise ValidationError(_("Over deze aanmelding is al besloten."))
        try:
            with transaction.atomic():
                record = AdmissionDecision.objects.create(
                    partnership=partnership, decided_by=decided_by, decision=decision, reason=reason
                )
        except IntegrityError as error:
            raise ValidationError(_("Over deze aanmelding is al besloten.")) from error
        partnership.status = Status.ADMITTED if decision == Decision.ADMITTED else Status.DECLINED
        if partnership.status == Status.ADMITTED:
            partnership.joined_on = timezone.localdate()
        partnership.save(update_fields=["status", "joined_on"])
        transaction.on_commit(lambda: tasks.send_admission_decision.enqueue(partnership.pk))
    return record


def ambition_create(*, partnership: Partnership, ambition: Ambition) -> Ambition:
    with transaction.atomic(durable=True):
        ambition.partnership = partnership
        ambition.save()
        Partnership.objects.filter(pk=partnership.pk).update(ambition_count=F("ambition_count") + 1)
    return ambition


def result_create(*, ambition: Ambition, result: Result) -> Result:
    with transaction.atomic(durable=True):
        result.ambition = ambition
        result.save()
        Ambition.objects.filter(pk=ambition.pk).update(realised=F("realised") + result.number)
        Partnership.objects.filter(pk=ambition.partnership_id).update(result_count=F("result_count") + 1)
    return result


def ambition_figures_recount(*, partnerships=None) -> None:
    """Recompute the kept figures from the rows (after imports, bulk loads and repairs).

    Each ambition's realised total and each partnership's ambition and result counts.
    """
    partnerships = Partnership.objects.all() if partnerships is None else partnerships

    def subtotal(queryset, link: str, value):
        rows = queryset.filter(**{link: OuterRef("pk")}).values(link).annotate(t=value).values("t")
        return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))

    with transaction.atomic():
        Ambition.objects.filter(partnership__in=partnerships).update(
            realised=subtotal(Result.objects.all(), "ambition", Sum("number"))
        )
        partnerships.update(
            ambition_count=subtotal(Ambition.objects.all(), "partnership", Count("pk")),
            result_count=subtotal(Result.objects.all(), "ambition__partnership", Count("pk")),
        )


def contributions_create_for_year(*, network: Network, year: int, amount, invoiced_on: date | None = None) -> int:
    """The yearly fee for every member that has none for that year yet; returns how many were added."""
    with transaction.atomic(durable=True):
        members = Partnership.objects.filter(network=network).members().exclude(contributions__year=year)
        created = Contribution.objects.bulk_create(
            [
                Contribution(partnership_id=pk, year=year, amount=amount, invoiced_on=invoiced_on)
                for pk in members.values_list("pk", flat=True)
            ]
        )
    return len(created)


def contribution_save(*, contribution: Contribution) -> Contribution:
    try:
        with transaction.atomic(durable=True):
            contribution.save()
    except IntegrityError as error:
        raise ValidationError(
            {"year": _("Voor deze partner is al een contributie voor dit jaar geregistreerd.")}
        ) from error
    return contribution


def contribution_mark_paid(*, contribution: Contribution, paid_on: date | None = None) -> Contribution:
    with transaction.atomic(durable=True):
        contribution.paid_on = paid_on or timezone.localdate()
        if contribution.invoiced_on is None:
            contribution.invoiced_on = contribution.paid_on
        contribution.save(update_fields=["paid_on", "invoiced_on"])
    return contribution
