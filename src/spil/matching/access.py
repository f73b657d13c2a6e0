"""The two rules every use of a candidate's personal data goes through: a consent in force that covers the
purpose, and a line in the access log. Pages, exports, the matcher and the API all call these."""

from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from .models import AccessLog, Candidate, Consent, ConsentPurpose


def _ids(candidates: Iterable) -> list[int]:
    return [c.pk if isinstance(c, Candidate) else int(c) for c in candidates]


def log_access(*, user, network, candidates: Iterable, action: str, reason: str) -> int:
    """Write one access-log line per candidate (who, what, when, why); returns how many.

    The lines go in with one executemany: an export of 20,000 candidates is logged in a fraction of a second,
    where bulk_create spent seconds building its SQL. All lines or none (one transaction)."""
    ids = list(dict.fromkeys(_ids(candidates)))
    if not ids:
        return 0
    ops = connection.ops
    at = ops.adapt_datetimefield_value(timezone.now())
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    network_id = getattr(network, "pk", network)
    rows = [(pk, pk, network_id, user_id, str(action), reason[:200], at) for pk in ids]
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.executemany(_insert_sql(), rows)
    return len(rows)


LOG_FIELDS = ("candidate", "candidate_ref", "network", "user", "action", "reason", "at")


def _insert_sql() -> str:
    meta = AccessLog._meta
    fields = [meta.get_field(name) for name in LOG_FIELDS]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    values = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) VALUES ({values})"


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
