"""Reads of a speedmeet that pages, services and mails share: who is shown to employers (only under a consent in
force), who marked whom, the plan with its times, and whose name an employer may read."""

import re
from dataclasses import dataclass, field

from django.db.models import Exists, F, Max, OuterRef, Prefetch, Q

from spil.core.permissions import can_manage_candidate, scope_candidates

from .access import consented_queryset
from .candidate_selectors import AnonymousProfile, anonymous_profile, reference
from .models import (
    Candidate,
    Consent,
    ConsentPurpose,
    Speedmeet,
    SpeedmeetCandidate,
    SpeedmeetEmployer,
    SpeedmeetInterest,
    SpeedmeetMeeting,
    Stage,
    Task,
)

# From the introduction on, an employer may learn who the candidate is (under a share_contact consent); a match
# that ended before or after does not count. The same stages as the match page's.
NAME_STAGES = frozenset({Stage.INTRODUCTION, Stage.TRIAL, Stage.CONTRACT, Stage.SUSTAINABLE})


def shown_candidate_ids(speedmeet: Speedmeet):
    """A subquery of the presented candidates employers may see now: a consent in force to show an anonymous
    profile to the network's employers, not anonymised. Evaluated on every request, so revocation hides at once."""
    presented = Candidate.objects.filter(
        pk__in=SpeedmeetCandidate.objects.filter(speedmeet=speedmeet).values("candidate_id"),
        network_id=speedmeet.activity.network_id,
    )
    consented = consented_queryset(
        presented, purpose=ConsentPurpose.ANONYMOUS_PROFILE, network=speedmeet.activity.network
    )
    return consented.values("pk")


def _with_video_consent(presentations, speedmeet: Speedmeet):
    """Presentations annotated with `video_consented`: a video consent in force for the network's employers,
    checked in the same query on every request."""
    consents = Consent.objects.in_force().filter(
        purpose=ConsentPurpose.VIDEO, network_id=speedmeet.activity.network_id, candidate_id=OuterRef("candidate_id")
    )
    return presentations.annotate(video_consented=Exists(consents))


def video_url(presented: SpeedmeetCandidate) -> str:
    """The video-cv link employers may follow: only under a video consent in force (see `_with_video_consent`)."""
    return presented.candidate.video_url if presented.video_consented else ""


def shown(speedmeet: Speedmeet):
    """The presentations employers see, in order, with the candidates' tasks for the profile."""
    tasks = Task.objects.only("pk", "name")
    presentations = SpeedmeetCandidate.objects.filter(
        speedmeet=speedmeet, candidate_id__in=shown_candidate_ids(speedmeet)
    )
    return (
        _with_video_consent(presentations, speedmeet)
        .select_related("candidate")
        .prefetch_related(
            Prefetch("candidate__tasks", queryset=tasks), Prefetch("candidate__learn_tasks", queryset=tasks)
        )
        .order_by("order", "pk")
    )


def presentable(membership, speedmeet: Speedmeet):
    """The member's candidates with a consent in force to show an anonymous profile, not yet presented."""
    queryset = scope_candidates(membership, Candidate.objects.all())
    queryset = consented_queryset(
        queryset, purpose=ConsentPurpose.ANONYMOUS_PROFILE, network=speedmeet.activity.network
    )
    presented = SpeedmeetCandidate.objects.filter(speedmeet=speedmeet).values("candidate_id")
    return queryset.exclude(pk__in=presented).order_by("last_name", "first_name", "pk")


# A reference as the pages print it ("Kandidaat 123", "Candidate 123") or just its number.
REFERENCE = re.compile(r"[^\W\d]*\s*#?\s*(\d{1,9})")


def search_candidates(queryset, q: str):
    """Narrow by reference (exact) or by every word of the name."""
    q = q.strip()
    if not q:
        return queryset
    number = REFERENCE.fullmatch(q)
    if number:
        return queryset.filter(pk=int(number.group(1)))
    for word in q.split():
        queryset = queryset.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return queryset


def registered_employer_ids(speedmeet: Speedmeet):
    return (
        speedmeet.activity.registrations.filter(status="registered", organisation__isnull=False)
        .values("organisation_id")
        .distinct()
    )


def wanted_pairs(speedmeet: Speedmeet) -> list[tuple[int, int]]:
    """(employer id, candidate id) for every yes of a registered employer to a candidate still shown."""
    return list(
        SpeedmeetInterest.objects.filter(
            speedmeet=speedmeet,
            wants=True,
            candidate_id__in=shown_candidate_ids(speedmeet),
            organisation_id__in=registered_employer_ids(speedmeet),
        )
        .order_by("organisation_id", "candidate_id")
        .values_list("organisation_id", "candidate_id")
    )


@dataclass
class EmployerRow:
    """One presented candidate on an employer's phone: the anonymous profile and the employer's own answer."""

    profile: AnonymousProfile
    video_url: str
    wants: bool | None


def employer_rows(speedmeet: Speedmeet, organisation_id: int) -> list[EmployerRow]:
    answers = dict(
        SpeedmeetInterest.objects.filter(speedmeet=speedmeet, organisation_id=organisation_id).values_list(
            "candidate_id", "wants"
        )
    )
    rows = []
    for presented in shown(speedmeet):
        candidate = presented.candidate
        rows.append(
            EmployerRow(
                profile=anonymous_profile(candidate), video_url=video_url(presented), wants=answers.get(candidate.pk)
            )
        )
    return rows


def employer_row(speedmeet: Speedmeet, organisation_id: int, candidate_id: int) -> EmployerRow | None:
    presented = shown(speedmeet).filter(candidate_id=candidate_id).first()
    if presented is None:
        return None
    answer = (
        SpeedmeetInterest.objects.filter(
            speedmeet=speedmeet, organisation_id=organisation_id, candidate_id=candidate_id
        )
        .values_list("wants", flat=True)
        .first()
    )
    return EmployerRow(profile=anonymous_profile(presented.candidate), video_url=video_url(presented), wants=answer)


@dataclass
class OrganiserRow:
    """A presented candidate on the organiser's page: a name only for those who may see it."""

    presented: SpeedmeetCandidate
    label: str
    shown: bool
    video: bool  # employers see a video-cv link (a video and a video consent in force)
    own: bool  # the member may withdraw this candidate
    yes: list[str] = field(default_factory=list)
    no: int = 0


def candidate_labels(speedmeet: Speedmeet, membership) -> tuple[dict[int, str], set[int]]:
    """Candidate id → what this member may call the presented candidate (the name for those who see it, else a
    reference), and the ids whose name is shown (for the access log)."""
    ids = SpeedmeetCandidate.objects.filter(speedmeet=speedmeet).values("candidate_id")
    labels = {pk: reference(pk) for pk in Candidate.objects.filter(pk__in=ids).values_list("pk", flat=True)}
    visible = set()
    for candidate in scope_candidates(membership, Candidate.objects.filter(pk__in=ids)).only(
        "pk", "first_name", "last_name"
    ):
        labels[candidate.pk] = f"{candidate} ({reference(candidate.pk)})"
        visible.add(candidate.pk)
    return labels, visible


def organiser_rows(speedmeet: Speedmeet, membership, labels: dict[int, str]) -> list[OrganiserRow]:
    presented = list(
        _with_video_consent(SpeedmeetCandidate.objects.filter(speedmeet=speedmeet), speedmeet)
        .select_related("candidate")
        .order_by("order", "pk")
    )
    shown_ids = set(Candidate.objects.filter(pk__in=shown_candidate_ids(speedmeet)).values_list("pk", flat=True))
    yes: dict[int, list[str]] = {}
    no: dict[int, int] = {}
    interests = SpeedmeetInterest.objects.filter(speedmeet=speedmeet).select_related("organisation")
    for interest in interests.order_by("organisation__name", "pk"):
        if interest.wants:
            yes.setdefault(interest.candidate_id, []).append(interest.organisation.name)
        else:
            no[interest.candidate_id] = no.get(interest.candidate_id, 0) + 1
    return [
        OrganiserRow(
            presented=p,
            label=labels.get(p.candidate_id, reference(p.candidate_id)),
            shown=p.candidate_id in shown_ids,
            video=bool(video_url(p)),
            own=can_manage_candidate(membership, p.candidate),
            yes=yes.get(p.candidate_id, []),
            no=no.get(p.candidate_id, 0),
        )
        for p in presented
    ]


def employer_names(speedmeet: Speedmeet) -> dict[int, str]:
    """Names of the employers that marked anyone or are registered."""
    from spil.partners.models import Organisation

    marked = SpeedmeetInterest.objects.filter(speedmeet=speedmeet).values("organisation_id")
    return dict(
        Organisation.objects.filter(Q(pk__in=marked) | Q(pk__in=registered_employer_ids(speedmeet))).values_list(
            "pk", "name"
        )
    )


def last_mark_at(speedmeet: Speedmeet):
    return SpeedmeetInterest.objects.filter(speedmeet=speedmeet).aggregate(last=Max("at"))["last"]


def named_candidate_ids(meetings, *, network_id: int, organisation_id: int) -> set[int]:
    """The candidates of an employer's meetings whose name the employer may read: the meeting's match (with
    this employer) reached the introduction and is not over, a consent in force shares the contact details with
    this employer, and the candidate is not anonymised. The one rule for the phone page and the mail.

    `meetings` carry `candidate` and `match__opportunity` (select_related) to spare queries."""
    introduced = {
        m.candidate_id
        for m in meetings
        if m.organisation_id == organisation_id
        and m.match_id is not None
        and m.match.stage in NAME_STAGES
        and m.match.candidate_id == m.candidate_id
        and m.match.opportunity.organisation_id == organisation_id
        and m.candidate.anonymised_at is None
    }
    if not introduced:
        return set()
    return set(
        Consent.objects.in_force()
        .filter(
            purpose=ConsentPurpose.SHARE_CONTACT,
            network_id=network_id,
            employer_id=organisation_id,
            candidate_id__in=sorted(introduced),
        )
        .values_list("candidate_id", flat=True)
    )


def employer_meetings(speedmeet: Speedmeet, organisation_id: int) -> list[dict]:
    """The employer's confirmed meetings: time, table, the candidate's reference, and the name only as
    `named_candidate_ids` allows."""
    meetings = list(
        SpeedmeetMeeting.objects.filter(speedmeet=speedmeet, organisation_id=organisation_id)
        .select_related("candidate", "match__opportunity")
        .order_by("slot", "table")
    )
    named = named_candidate_ids(meetings, network_id=speedmeet.activity.network_id, organisation_id=organisation_id)
    return [
        {
            "at": speedmeet.slot_start(m.slot),
            "round": m.slot + 1,
            "table": m.table,
            "candidate_id": m.candidate_id,
            "reference": reference(m.candidate_id),
            "name": str(m.candidate) if m.candidate_id in named else "",
            "match_id": m.match_id,
        }
        for m in meetings
    ]


def plan(speedmeet: Speedmeet):
    return (
        SpeedmeetMeeting.objects.filter(speedmeet=speedmeet)
        .select_related("organisation")
        .annotate(candidate_organisation_id=F("candidate__organisation_id"))
        .order_by("slot", "table", "pk")
    )


def plan_rounds(speedmeet: Speedmeet, meetings) -> list[dict]:
    """The plan grouped by round, each with its start time."""
    rounds = [
        {"number": slot + 1, "slot": slot, "at": speedmeet.slot_start(slot), "meetings": []}
        for slot in range(speedmeet.slots)
    ]
    for meeting in meetings:
        if meeting.slot < len(rounds):
            rounds[meeting.slot]["meetings"].append(meeting)
    return rounds


def employer_overview(speedmeet: Speedmeet) -> list[dict]:
    """The registered employers: how many candidates each wants to meet and when it is there."""
    from spil.partners.models import Organisation

    yes: dict[int, int] = {}
    for organisation_id in SpeedmeetInterest.objects.filter(speedmeet=speedmeet, wants=True).values_list(
        "organisation_id", flat=True
    ):
        yes[organisation_id] = yes.get(organisation_id, 0) + 1
    presence = {row.organisation_id: row for row in SpeedmeetEmployer.objects.filter(speedmeet=speedmeet)}
    organisations = Organisation.objects.filter(pk__in=registered_employer_ids(speedmeet)).order_by("name", "pk")
    return [
        {
            "name": organisation.name,
            "yes": yes.get(organisation.pk, 0),
            "from_slot": getattr(presence.get(organisation.pk), "from_slot", None),
            "until_slot": getattr(presence.get(organisation.pk), "until_slot", None),
        }
        for organisation in organisations.only("pk", "name")
    ]
