"""Use cases that change partners, admissions, ambitions and contributions."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from spil.core.permissions import can_decide
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
    try:
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
    except IntegrityError as error:
        # The form checked the KvK number; someone registered it in the meantime.
        raise ValidationError({"kvk_number": _("Dit KvK-nummer is al geregistreerd.")}) from error
    return partnership


def partnership_update(*, partnership: Partnership, organisation: Organisation, previous_status: str) -> Partnership:
    """Save the edited partnership and its organisation together, following the status life cycle."""
    if partnership.status != previous_status and partnership.status not in TRANSITIONS[previous_status]:
        raise ValidationError(
            {
                "status": _("Van %(old)s naar %(new)s kan niet.")
                % {"old": Status(previous_status).label, "new": Status(partnership.status).label}
            }
        )
    if previous_status == Status.APPLICANT and partnership.status != previous_status:
        raise ValidationError({"status": _("Over een aanmelding beslist de kerngroep.")})
    try:
        with transaction.atomic(durable=True):
            organisation.save()
            # Only the edited fields: the kept counts may change meanwhile.
            partnership.save(update_fields=["status", "stage", "joined_on", "main_contact"])
    except IntegrityError as error:
        raise ValidationError({"kvk_number": _("Dit KvK-nummer is al geregistreerd.")}) from error
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

    The coordinator may apply on behalf of an organisation Spil already knows (by KvK number).
    The public form may not: anyone could attach themselves to a known company, so that asks
    the applicant to contact the coordinator, without saying anything about the organisation.
    """
    try:
        with transaction.atomic(durable=True):
            partnership = _application_create(network=network, data=data, source=source)
    except IntegrityError as error:
        # A simultaneous application with the same KvK number got there first.
        raise ValidationError({"kvk_number": _("Dit KvK-nummer is net al aangemeld.")}) from error
    transaction.on_commit(lambda: tasks.send_application_received.enqueue(partnership.pk))
    return partnership


def _application_create(*, network: Network, data: dict, source: str) -> Partnership:
    organisation = None
    if data.get("kvk_number"):
        organisation = Organisation.objects.filter(kvk_number=data["kvk_number"]).first()
    if organisation is not None and source == Source.PUBLIC_FORM:
        raise ValidationError(
            {
                "kvk_number": _(
                    "Dit KvK-nummer is al bekend. Neem contact op met de netwerkcoördinator; "
                    "die zet uw aanmelding voor u klaar."
                )
            }
        )
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
    return Partnership.objects.create(
        network=network,
        organisation=organisation,
        status=Status.APPLICANT,
        source=source,
        motivation=data["motivation"],
        main_contact=contact,
        applied_at=timezone.now(),
    )


def opinion_give(*, partnership: Partnership, author, opinion: str, comment: str) -> AdmissionOpinion:
    """A kerngroep member's opinion on an application; giving it again replaces the earlier one."""
    with transaction.atomic(durable=True):
        # Under the row lock, so that no opinion lands after the decision.
        current = Partnership.objects.select_for_update().get(pk=partnership.pk)
        if current.status != Status.APPLICANT:
            raise ValidationError(_("Over deze aanmelding is al besloten."))
        record, _created = AdmissionOpinion.objects.update_or_create(
            partnership=current, author=author, defaults={"opinion": opinion, "comment": comment}
        )
    return record


def admission_decide(*, partnership_id: int, membership, decision: str, reason: str) -> AdmissionDecision:
    """The chair of the kerngroep records the kerngroep's decision; the applicant's contact is emailed."""
    if not can_decide(membership):
        raise PermissionDenied
    decided_by = membership.user
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
        return result_add(ambition=ambition, result=result)


def result_add(*, ambition: Ambition, result: Result) -> Result:
    """result_create's writes inside the caller's transaction (a placement that counts as a result)."""
    result.ambition = ambition
    result.save()
    Ambition.objects.filter(pk=ambition.pk).update(realised=F("realised") + result.number)
    Partnership.objects.filter(pk=ambition.partnership_id).update(result_count=F("result_count") + 1)
    return result


def result_delete(*, result: Result) -> None:
    """Take back a result registered by mistake; the totals follow."""
    with transaction.atomic(durable=True):
        Ambition.objects.filter(pk=result.ambition_id).update(realised=F("realised") - result.number)
        Partnership.objects.filter(ambitions=result.ambition_id).update(result_count=F("result_count") - 1)
        result.delete()


def ambition_delete(*, ambition: Ambition) -> None:
    """Take back an ambition registered by mistake, with its results."""
    with transaction.atomic(durable=True):
        results = ambition.results.count()
        Partnership.objects.filter(pk=ambition.partnership_id).update(
            ambition_count=F("ambition_count") - 1, result_count=F("result_count") - results
        )
        ambition.delete()


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
        missing = list(members.values_list("pk", flat=True))
        # ignore_conflicts: a simultaneous second submit must not fail on the unique year.
        Contribution.objects.bulk_create(
            [Contribution(partnership_id=pk, year=year, amount=amount, invoiced_on=invoiced_on) for pk in missing],
            ignore_conflicts=True,
        )
    return len(missing)


def contribution_save(*, contribution: Contribution) -> Contribution:
    try:
        with transaction.atomic(durable=True):
            contribution.save()
    except IntegrityError as error:
        raise ValidationError(
            {"year": _("Voor deze partner is al een contributie voor dit jaar geregistreerd.")}
        ) from error
    return contribution


def contribution_mark_paid(*, contribution: Contribution, paid_on: date | None = None) -> bool:
    """Register the payment; False when it was already registered (the first date stays)."""
    paid_on = paid_on or timezone.localdate()
    with transaction.atomic(durable=True):
        updated = Contribution.objects.filter(pk=contribution.pk, paid_on__isnull=True).update(
            paid_on=paid_on, invoiced_on=Coalesce("invoiced_on", Value(paid_on))
        )
    contribution.refresh_from_db(fields=["paid_on", "invoiced_on"])
    return bool(updated)
