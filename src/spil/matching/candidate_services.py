"""Use cases of candidates and their consents: register, edit, record and revoke a consent, the AVG rights of
inzage (art. 15) and erasure (art. 17), and the retention sweep that anonymises candidates nobody works with.

Every change and every export writes the access log in the same transaction as the change itself."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from spil.partners.models import Organisation, OrganisationKind

from .access import log_access
from .consent_texts import consent_text
from .geo import coordinates
from .models import CANDIDATE_FIELDS, AccessAction, AccessLog, Candidate, Consent, ConsentPurpose, Task

PUBLIC_PARTNER_KINDS = [
    OrganisationKind.WSP,
    OrganisationKind.UWV,
    OrganisationKind.MUNICIPALITY,
    OrganisationKind.EDUCATION,
    OrganisationKind.OTHER,
]


def tasks_from_names(names: Iterable[str], *, user=None) -> list[Task]:
    """The tasks of the shared list with these names; names not on it yet are added (the list is shared and
    editable: think in tasks, not in job titles)."""
    wanted = {}
    for name in names:
        name = " ".join(name.split())[:120]
        if name:
            wanted.setdefault(name.lower(), name)
    if not wanted:
        return []
    existing = {task.key: task for task in Task.objects.filter(key__in=list(wanted))}
    for key, name in wanted.items():
        if key not in existing:
            existing[key] = Task.objects.create(name=name, created_by=user)
    return [existing[key] for key in wanted]


def _apply(candidate: Candidate, data: dict) -> None:
    for name in CANDIDATE_FIELDS:
        if name in data:
            setattr(candidate, name, data[name])
    point = coordinates(candidate.postcode)
    candidate.latitude, candidate.longitude = point if point else (None, None)


def _record(
    candidate: Candidate, *, purpose: str, user, employer=None, expires_on: date | None = None, now: datetime
) -> Consent:
    version, text = consent_text(purpose, network=candidate.network)
    return Consent.objects.create(
        candidate=candidate,
        purpose=purpose,
        network=candidate.network,
        employer=employer if purpose == ConsentPurpose.SHARE_CONTACT else None,
        given_at=now,
        recorded_by=user,
        text_version=version,
        text=text,
        expires_on=expires_on,
    )


def candidate_register(
    *,
    network,
    organisation: Organisation,
    user,
    data: dict,
    tasks: Iterable[str] = (),
    learn_tasks: Iterable[str] = (),
    consents: Iterable[str] = (),
    consent_expires_on: date | None = None,
    now: datetime | None = None,
) -> Candidate:
    """Register a candidate for a public partner, with the consents the candidate gave at the intake."""
    now = now or timezone.now()
    if organisation.kind not in PUBLIC_PARTNER_KINDS:
        raise ValidationError({"organisation": _("Alleen een publieke partner registreert kandidaten.")})
    purposes = [purpose for purpose in dict.fromkeys(consents) if purpose != ConsentPurpose.SHARE_CONTACT]
    with transaction.atomic(durable=True):
        candidate = Candidate(
            network=network, organisation=organisation, registered_by=user, last_activity_at=now, created_at=now
        )
        _apply(candidate, data)
        candidate.save()
        candidate.tasks.set(tasks_from_names(tasks, user=user))
        candidate.learn_tasks.set(tasks_from_names(learn_tasks, user=user))
        for purpose in purposes:
            _record(candidate, purpose=purpose, user=user, expires_on=consent_expires_on, now=now)
        log_access(user=user, network=network, candidates=[candidate], action=AccessAction.EDIT, reason="geregistreerd")
        if purposes:
            log_access(
                user=user,
                network=network,
                candidates=[candidate],
                action=AccessAction.CONSENT,
                reason="toestemming vastgelegd: " + ", ".join(purposes),
            )
    return candidate


def candidate_update(
    *, candidate_id: int, user, data: dict, tasks: Iterable[str] = (), learn_tasks: Iterable[str] = (), now=None
) -> Candidate:
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        candidate = Candidate.objects.select_for_update(of=("self",)).select_related("network").get(pk=candidate_id)
        if candidate.anonymised_at is not None:
            raise ValidationError(_("Deze kandidaat is geanonimiseerd en kan niet meer worden gewijzigd."))
        _apply(candidate, data)
        candidate.last_activity_at = now
        candidate.save()
        candidate.tasks.set(tasks_from_names(tasks, user=user))
        candidate.learn_tasks.set(tasks_from_names(learn_tasks, user=user))
        log_access(
            user=user, network=candidate.network, candidates=[candidate], action=AccessAction.EDIT, reason="gewijzigd"
        )
    return candidate


def consent_record(
    *, candidate_id: int, purpose: str, user, employer=None, expires_on: date | None = None, now=None
) -> Consent:
    """Record a consent the candidate gave, with the exact text shown to them."""
    now = now or timezone.now()
    if purpose not in ConsentPurpose.values:
        raise ValidationError({"purpose": _("Kies een doel.")})
    if purpose == ConsentPurpose.SHARE_CONTACT and employer is None:
        raise ValidationError({"employer": _("Kies de werkgever met wie de contactgegevens worden gedeeld.")})
    if expires_on is not None and expires_on < now.date():
        raise ValidationError({"expires_on": _("Deze datum ligt in het verleden.")})
    with transaction.atomic(durable=True):
        candidate = Candidate.objects.select_for_update(of=("self",)).select_related("network").get(pk=candidate_id)
        if candidate.anonymised_at is not None:
            raise ValidationError(
                _("Deze kandidaat is geanonimiseerd; vraag opnieuw toestemming bij een nieuwe registratie.")
            )
        shares = employer is not None and purpose == ConsentPurpose.SHARE_CONTACT
        if shares and not candidate.network.partnerships.filter(organisation=employer).exists():
            raise ValidationError({"employer": _("Deze werkgever doet niet mee in het netwerk.")})
        consent = _record(candidate, purpose=purpose, user=user, employer=employer, expires_on=expires_on, now=now)
        Candidate.objects.filter(pk=candidate.pk).update(last_activity_at=now)
        reason = f"toestemming vastgelegd: {purpose}" + (f" ({employer.name})" if employer is not None else "")
        log_access(
            user=user, network=candidate.network, candidates=[candidate], action=AccessAction.CONSENT, reason=reason
        )
    return consent


def consent_revoke(*, consent_id: int, user, now=None) -> bool:
    """Revoke at once; revoking twice is harmless (the second time changes nothing and returns False)."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        revoked = Consent.objects.filter(pk=consent_id, revoked_at=None).update(revoked_at=now, revoked_by=user)
        if revoked:
            consent = Consent.objects.select_related("candidate__network").get(pk=consent_id)
            Candidate.objects.filter(pk=consent.candidate_id).update(last_activity_at=now)
            log_access(
                user=user,
                network=consent.candidate.network,
                candidates=[consent.candidate_id],
                action=AccessAction.CONSENT,
                reason=f"toestemming ingetrokken: {consent.purpose}",
            )
    return bool(revoked)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def candidate_export(*, candidate_id: int, user, now=None) -> dict:
    """Inzage (AVG art. 15): everything Spil holds on the candidate, including consents, matches and the
    access log. The export itself is logged (and appears in the log it contains)."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        candidate = Candidate.objects.select_related("organisation", "network", "registered_by").get(pk=candidate_id)
        log_access(
            user=user, network=candidate.network, candidates=[candidate], action=AccessAction.EXPORT, reason="inzage"
        )
        consents = candidate.consents.select_related("employer").order_by("given_at", "pk")
        matches = candidate.matches.select_related("opportunity__organisation").prefetch_related("events")
        log = AccessLog.objects.filter(candidate=candidate).select_related("user").order_by("at", "pk")
        return {
            "exported_at": now.isoformat(),
            "network": candidate.network.name,
            "registered_by_organisation": candidate.organisation.name,
            "registered_by": candidate.registered_by.get_full_name() if candidate.registered_by else None,
            "candidate": {
                "reference": candidate.pk,
                **{
                    name: _iso(getattr(candidate, name)) if name == "birth_date" else getattr(candidate, name)
                    for name in CANDIDATE_FIELDS
                },
                "tasks": [task.name for task in candidate.tasks.all()],
                "learn_tasks": [task.name for task in candidate.learn_tasks.all()],
                "latitude": candidate.latitude,
                "longitude": candidate.longitude,
                "created_at": _iso(candidate.created_at),
                "last_activity_at": _iso(candidate.last_activity_at),
                "anonymised_at": _iso(candidate.anonymised_at),
            },
            "consents": [
                {
                    "purpose": consent.purpose,
                    "employer": consent.employer.name if consent.employer else None,
                    "given_at": _iso(consent.given_at),
                    "text_version": consent.text_version,
                    "text": consent.text,
                    "expires_on": _iso(consent.expires_on),
                    "revoked_at": _iso(consent.revoked_at),
                }
                for consent in consents
            ],
            "matches": [
                {
                    "opportunity": match.opportunity.title,
                    "employer": match.opportunity.organisation.name,
                    "stage": match.stage,
                    "score": match.score,
                    "explanation": match.explanation,
                    "events": [{"stage": e.stage, "at": _iso(e.at), "note": e.note} for e in match.events.all()],
                }
                for match in matches
            ],
            "access_log": [
                {
                    "at": _iso(row.at),
                    "who": row.user.get_full_name() or row.user.email if row.user else None,
                    "action": row.action,
                    "reason": row.reason,
                }
                for row in log
            ],
        }


def candidate_erase(*, candidate_id: int, user) -> int:
    """Erasure (AVG art. 17): the candidate, the consents and the matches (with their history) are deleted.
    The access log keeps only the fact: its rows lose the link to the candidate and keep the reference number.
    Returns the reference number."""
    with transaction.atomic(durable=True):
        candidate = Candidate.objects.select_for_update(of=("self",)).select_related("network").get(pk=candidate_id)
        log_access(
            user=user, network=candidate.network, candidates=[candidate], action=AccessAction.ERASE, reason="gewist"
        )
        reference = candidate.pk
        candidate.delete()
    return reference


def _anonymise(candidate: Candidate, now: datetime) -> None:
    candidate.first_name = candidate.last_name = candidate.email = candidate.phone = ""
    candidate.pitch = candidate.video_url = ""
    # Keep what statistics need and nobody can be recognised by: the birth year and the postcode area.
    candidate.birth_date = date(candidate.birth_date.year, 1, 1)
    candidate.postcode = candidate.postcode[:4]
    candidate.latitude = candidate.longitude = None
    candidate.anonymised_at = now
    candidate.save()


def retention_months() -> int:
    return getattr(settings, "SPIL_CANDIDATE_RETENTION_MONTHS", 24)


def candidates_due_for_anonymising(*, now=None, months: int | None = None):
    """Candidates with no consent in force and no activity for the retention period."""
    now = now or timezone.now()
    months = retention_months() if months is None else months
    cutoff = now - timedelta(days=round(months * 30.44))
    active = Consent.objects.in_force(now).values("candidate_id")
    return Candidate.objects.filter(anonymised_at=None, last_activity_at__lt=cutoff).exclude(
        Q(pk__in=active) | Q(matches__stage__in=["introduction", "trial", "contract"])
    )


def candidates_anonymise(*, now=None, months: int | None = None, batch: int = 500) -> int:
    """Anonymise the candidates due, in batches, each batch in its own transaction; returns how many."""
    now = now or timezone.now()
    done = 0
    while True:
        with transaction.atomic(durable=True):
            due = list(
                candidates_due_for_anonymising(now=now, months=months)
                .select_related("network")
                .select_for_update(of=("self",))
                .order_by("pk")[:batch]
            )
            for candidate in due:
                _anonymise(candidate, now)
            for network in {candidate.network for candidate in due}:
                log_access(
                    user=None,
                    network=network,
                    candidates=[c for c in due if c.network_id == network.pk],
                    action=AccessAction.ANONYMISE,
                    reason="bewaartermijn verstreken",
                )
        done += len(due)
        if len(due) < batch:
            return done
