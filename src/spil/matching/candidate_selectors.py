"""Reads of candidates that pages share: the scoped list, the anonymous profile employers see, the history of
consents and the access log. Scoping itself lives in core.permissions.scope_candidates."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from spil.core.permissions import introduced_with_consent, scope_candidates, sees_candidate_identity
from spil.partners.models import Organisation, Status

from .models import AccessLog, Candidate, Consent, Task

AGE_BANDS = [(0, 18), (18, 27), (27, 35), (35, 45), (45, 55), (55, 67), (67, 200)]
SEARCH_MAX = 100


def age(birth_date: date, today: date) -> int:
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


def age_band(birth_date: date | None, today: date | None = None) -> str:
    """An age band instead of the birth date: enough for an employer, not enough to recognise someone."""
    if birth_date is None:
        return "–"
    years = age(birth_date, today or timezone.localdate())
    low, high = next((low, high) for low, high in AGE_BANDS if low <= years < high)
    if low == 0:
        return _("jonger dan 18")
    if high == 200:
        return _("%(low)s jaar of ouder") % {"low": low}
    return _("%(low)s tot %(high)s jaar") % {"low": low, "high": high}


_EMAIL = re.compile(r"\S+@\S+")
_PHONE = re.compile(r"(?:\+|\b)\d[\d\s-]{7,}\d\b")


def strip_identity(text: str, *, first_name: str, last_name: str) -> str:
    """The pitch without the candidate's names, email addresses or phone numbers."""
    names = [part for part in f"{first_name} {last_name}".split() if len(part) > 1]
    names += [last_name.strip()] if " " in last_name.strip() else []
    # An export strips 20,000 pitches, and compiling a pattern per name per candidate took seconds: in ASCII
    # text an ASCII name can match only where its lower case is a substring, so the others are skipped. Other
    # text always gets the patterns (IGNORECASE also matches e.g. 'ı' and 'İ' to 'i').
    ascii_text = text.lower() if text.isascii() else None
    for name in sorted(set(names), key=len, reverse=True):
        if ascii_text is not None and name.isascii() and name.lower() not in ascii_text:
            continue
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", "…", text, flags=re.IGNORECASE)
    text = _EMAIL.sub("…", text)
    return _PHONE.sub("…", text)


@dataclass
class AnonymousProfile:
    """What an employer sees of a candidate: no name, no contact details, no birth date, no video."""

    pk: int
    reference: str
    age_band: str
    municipality: str
    hours_per_week: int
    education: str
    work_fit: str
    tasks: list[str] = field(default_factory=list)
    learn_tasks: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    pitch: str = ""
    contact_shared: bool = False


def reference(candidate_pk: int) -> str:
    return _("Kandidaat %(number)s") % {"number": candidate_pk}


def anonymous_profile(candidate: Candidate, *, today: date | None = None, contact_shared: bool = False):
    return AnonymousProfile(
        pk=candidate.pk,
        reference=reference(candidate.pk),
        age_band=age_band(candidate.birth_date, today),
        municipality=candidate.municipality,
        hours_per_week=candidate.hours_per_week,
        education=candidate.get_education_display(),
        work_fit=candidate.get_work_fit_display(),
        tasks=[task.name for task in candidate.tasks.all()],
        learn_tasks=[task.name for task in candidate.learn_tasks.all()],
        sectors=list(candidate.sectors),
        pitch=strip_identity(candidate.pitch, first_name=candidate.first_name, last_name=candidate.last_name),
        contact_shared=contact_shared,
    )


def _with_tasks(queryset):
    tasks = Task.objects.only("pk", "name")
    return queryset.prefetch_related(Prefetch("tasks", queryset=tasks), Prefetch("learn_tasks", queryset=tasks))


def _with_task_named(word: str):
    """Ids of candidates with a task whose name holds the word: a subquery, so the list needs no join and no
    DISTINCT (the task list is short; the links are found by task)."""
    tasks = Task.objects.filter(name__icontains=word).values("pk")
    return Candidate.tasks.through.objects.filter(task_id__in=tasks).values("candidate_id")


def candidate_list(membership, *, q: str = ""):
    """The candidates a member sees, with their tasks; searched by name for those who see names."""
    queryset = scope_candidates(membership, Candidate.objects.all())
    q = q.strip()[:SEARCH_MAX]
    if sees_candidate_identity(membership):
        queryset = queryset.select_related("organisation")
        if q:
            for word in q.split():
                queryset = queryset.filter(
                    Q(first_name__icontains=word)
                    | Q(last_name__icontains=word)
                    | Q(municipality__icontains=word)
                    | Q(pk__in=_with_task_named(word))
                )
        return _with_tasks(queryset.order_by("last_name", "first_name", "pk"))
    # Employers: no ordering by name (it would leak), searched by what the profile shows.
    if q:
        for word in q.split():
            queryset = queryset.filter(Q(municipality__icontains=word) | Q(pk__in=_with_task_named(word)))
    # Contact details only after an introduction to this employer, under its share_contact consent.
    shared = introduced_with_consent(
        Candidate.objects.filter(pk=OuterRef("pk")),
        network_id=membership.network_id,
        employer_id=membership.organisation_id,
    )
    return _with_tasks(queryset.annotate(contact_shared=Exists(shared)).order_by("-created_at", "-pk"))


def candidate_for(membership, pk: int) -> Candidate | None:
    queryset = scope_candidates(membership, Candidate.objects.all())
    return _with_tasks(queryset.select_related("organisation", "network", "registered_by")).filter(pk=pk).first()


def consent_history(candidate: Candidate):
    return candidate.consents.select_related("employer", "recorded_by", "revoked_by").order_by("-given_at", "-pk")


def access_log(candidate: Candidate):
    return AccessLog.objects.filter(candidate=candidate).select_related("user").order_by("-at", "-pk")


def in_force(consent: Consent, now=None) -> bool:
    now = now or timezone.now()
    return (
        consent.revoked_at is None
        and consent.given_at <= now
        and (consent.expires_on is None or consent.expires_on >= now.date())
    )


# Partnerships of these statuses count as members of the network (an applicant or a former partner does not).
MEMBER_STATUSES = [Status.ACTIVE, Status.ADMITTED, Status.INACTIVE]


def member_organisations(network, kinds):
    """The network's member organisations of the given kinds, by name: public partners register candidates,
    employers offer opportunities."""
    return Organisation.objects.filter(
        partnerships__network=network, partnerships__status__in=MEMBER_STATUSES, kind__in=kinds
    ).order_by("name")
