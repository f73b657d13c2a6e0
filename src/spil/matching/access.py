"""The two rules every use of a candidate's personal data goes through: a consent in force that covers the
purpose, and a line in the access log. Pages, exports, the matcher and the API all call these."""

from collections.abc import Iterable

from django.utils import timezone

from .models import AccessLog, Candidate, Consent, ConsentPurpose


def _ids(candidates: Iterable) -> list[int]:
    return [c.pk if isinstance(c, Candidate) else int(c) for c in candidates]


def log_access(*, user, network, candidates: Iterable, action: str, reason: str) -> int:
    """Write one access-log line per candidate (who, what, when, why); returns how many."""
    now = timezone.now()
    rows = [
        AccessLog(
            candidate_id=pk,
            candidate_ref=pk,
            network=network,
            user=user if getattr(user, "is_authenticated", False) else None,
            action=action,
            reason=reason[:200],
            at=now,
        )
        for pk in dict.fromkeys(_ids(candidates))
    ]
    AccessLog.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def consented(candidate_ids: Iterable[int], *, purpose: str, network, employer=None, now=None) -> set[int]:
    """The candidates among `candidate_ids` with a consent in force for the purpose in the network (and, for
    sharing contact details, for that employer). Revocation and expiry take effect at once: nothing caches."""
    consents = Consent.objects.in_force(now).filter(purpose=purpose, network=network)
    if purpose == ConsentPurpose.SHARE_CONTACT:
        consents = consents.filter(employer=employer)
    ids = list(candidate_ids)
    if ids:
        consents = consents.filter(candidate_id__in=ids)
    return set(consents.values_list("candidate_id", flat=True))


def consented_queryset(queryset, *, purpose: str, network, employer=None, now=None):
    """A Candidate queryset narrowed to those with a consent in force (one subquery, no id list)."""
    consents = Consent.objects.in_force(now).filter(purpose=purpose, network=network)
    if purpose == ConsentPurpose.SHARE_CONTACT:
        consents = consents.filter(employer=employer)
    return queryset.filter(pk__in=consents.values("candidate_id"), anonymised_at=None)
