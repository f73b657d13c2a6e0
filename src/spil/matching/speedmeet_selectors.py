"""Reads of a speedmeet that pages, services and mails share: who is shown to employers (only under a consent in
force), who marked whom, the plan with its times."""

from dataclasses import dataclass, field

from django.db.models import F, Max, Prefetch, Q

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
    Task,
)


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


def shown(speedmeet: Speedmeet):
    """The presentations employers see, in order, with the candidates' tasks for the profile."""
    tasks = Task.objects.only("pk", "name")
    return (
        SpeedmeetCandidate.objects.filter(speedmeet=speedmeet, candidate_id__in=shown_candidate_ids(speedmeet))
        .select_related("candidate")
        .prefetch_related(
            Prefetch("candidate__tasks", queryset=tasks), Prefetch("candidate__learn_tasks", queryset=tasks)
        )
        .order_by("order", "pk")
    )


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

    presented_pk: int
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
                presented_pk=presented.pk,
                profile=anonymous_profile(candidate),
                video_url=candidate.video_url if presented.show_video else "",
                wants=answers.get(candidate.pk),
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
    return EmployerRow(
        presented_pk=presented.pk,
        profile=anonymous_profile(presented.candidate),
        video_url=presented.candidate.video_url if presented.show_video else "",
        wants=answer,
    )


@dataclass
class OrganiserRow:
    """A presented candidate on the organiser's page: a name only for those who may see it."""

    presented: SpeedmeetCandidate
    label: str
    shown: bool
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
        SpeedmeetCandidate.objects.filter(speedmeet=speedmeet).select_related("candidate").order_by("order", "pk")
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


def employer_meetings(speedmeet: Speedmeet, organisation_id: int) -> list[dict]:
    """The employer's confirmed meetings: time, table, the candidate's reference, and the name only where the
    candidate consented to share contact details with this employer."""
    meetings = list(
        SpeedmeetMeeting.objects.filter(speedmeet=speedmeet, organisation_id=organisation_id)
        .select_related("candidate")
        .order_by("slot", "table")
    )
    shared = set(
        Consent.objects.in_force()
        .filter(
            purpose=ConsentPurpose.SHARE_CONTACT,
            network_id=speedmeet.activity.network_id,
            employer_id=organisation_id,
            candidate_id__in=[m.candidate_id for m in meetings],
        )
        .values_list("candidate_id", flat=True)
    )
    return [
        {
            "at": speedmeet.slot_start(m.slot),
            "round": m.slot + 1,
            "table": m.table,
            "reference": reference(m.candidate_id),
            "name": str(m.candidate) if m.candidate_id in shared else "",
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
