"""The one place that decides what a role may see and do.

Views declare the action they need with a decorator from this module; the decorator
resolves the user's membership of the network in the URL (404 when there is none),
checks the action (403 when the role lacks it) and hands the membership to the view.
Object-level rules (a partner contact sees only the own organisation) live here too.
"""

from enum import StrEnum
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django_htmx.http import HttpResponseClientRedirect

from spil.accounts.models import Membership, Role


class Action(StrEnum):
    VIEW_DASHBOARD = "view_dashboard"
    VIEW_PARTNERS = "view_partners"
    MANAGE_PARTNERS = "manage_partners"
    VIEW_ADMISSIONS = "view_admissions"
    ENTER_APPLICATION = "enter_application"
    GIVE_OPINION = "give_opinion"
    DECIDE_ADMISSION = "decide_admission"
    VIEW_BODIES = "view_bodies"
    MANAGE_BODIES = "manage_bodies"
    VIEW_STAKEHOLDERS = "view_stakeholders"
    MANAGE_STAKEHOLDERS = "manage_stakeholders"
    VIEW_AMBITIONS = "view_ambitions"
    MANAGE_AMBITIONS = "manage_ambitions"
    VIEW_CONTRIBUTIONS = "view_contributions"
    MANAGE_CONTRIBUTIONS = "manage_contributions"
    MANAGE_NETWORK = "manage_network"
    MANAGE_MEMBERS = "manage_members"
    VIEW_ACTIVITIES = "view_activities"
    REGISTER_SELF = "register_self"
    MANAGE_ACTIVITIES = "manage_activities"
    VIEW_FOLLOW_UPS = "view_follow_ups"
    VIEW_PARTICIPATION = "view_participation"
    VIEW_GROUPS = "view_groups"
    MANAGE_GROUPS = "manage_groups"
    VIEW_CORE_MEETINGS = "view_core_meetings"
    RECORD_MINUTES = "record_minutes"
    MANAGE_MAILINGS = "manage_mailings"
    # matching (candidates)
    VIEW_CANDIDATES = "view_candidates"
    MANAGE_CANDIDATES = "manage_candidates"
    VIEW_CANDIDATE_LOG = "view_candidate_log"
    SUGGEST_TASKS = "suggest_tasks"
    # matching (opportunities and matches)
    VIEW_OPPORTUNITIES = "view_opportunities"
    MANAGE_OPPORTUNITIES = "manage_opportunities"
    CARVE_JOBS = "carve_jobs"
    VIEW_MATCHES = "view_matches"
    MATCH_CANDIDATES = "match_candidates"
    ANSWER_INTRODUCTION = "answer_introduction"
    # matching (speedmeet / drive-in)
    ORGANISE_SPEEDMEET = "organise_speedmeet"
    CHOOSE_AT_SPEEDMEET = "choose_at_speedmeet"
    # desk
    VIEW_DESK = "view_desk"
    SUBMIT_DESK_REQUEST = "submit_desk_request"
    HANDLE_DESK = "handle_desk"
    MANAGE_DUTY = "manage_duty"
    VIEW_DESK_REPORT = "view_desk_report"
    VIEW_EXCHANGE = "view_exchange"
    POST_STAFF_OFFER = "post_staff_offer"
    # outreach (campaigns)
    VIEW_OUTREACH = "view_outreach"
    LOG_CONVERSATION = "log_conversation"
    RECORD_CONTACT = "record_contact"
    MANAGE_OUTREACH = "manage_outreach"
    VIEW_OUTREACH_REPORT = "view_outreach_report"
    # knowledge (signpost)
    MANAGE_SIGNPOST = "manage_signpost"


ALL = frozenset(Role)
OFFICE = frozenset({Role.COORDINATOR, Role.BACKOFFICE})
GOVERNANCE = OFFICE | {Role.CORE_GROUP, Role.STEERING}

RULES: dict[Action, frozenset[Role]] = {
    Action.VIEW_DASHBOARD: ALL,
    # Steering and sounding-board members read dashboards and reports, not partner files.
    # The signpost editor keeps the public signpost up to date and reads no partner files either.
    Action.VIEW_PARTNERS: ALL - {Role.STEERING, Role.EDITOR},
    Action.MANAGE_PARTNERS: OFFICE,
    Action.VIEW_ADMISSIONS: OFFICE | {Role.CORE_GROUP},
    Action.ENTER_APPLICATION: OFFICE,
    Action.GIVE_OPINION: frozenset({Role.CORE_GROUP}),
    # Only the kerngroep decides; the chair records the decision (see can_decide).
    Action.DECIDE_ADMISSION: frozenset({Role.CORE_GROUP}),
    Action.VIEW_BODIES: ALL,
    Action.MANAGE_BODIES: frozenset({Role.COORDINATOR}),
    Action.VIEW_STAKEHOLDERS: GOVERNANCE,
    Action.MANAGE_STAKEHOLDERS: frozenset({Role.COORDINATOR}),
    Action.VIEW_AMBITIONS: ALL,
    Action.MANAGE_AMBITIONS: OFFICE | {Role.PARTNER_CONTACT},
    Action.VIEW_CONTRIBUTIONS: OFFICE | {Role.CORE_GROUP},
    Action.MANAGE_CONTRIBUTIONS: OFFICE,
    Action.MANAGE_NETWORK: frozenset({Role.COORDINATOR}),
    # Who gets which role in the network: the coordinator.
    Action.MANAGE_MEMBERS: frozenset({Role.COORDINATOR}),
    Action.VIEW_ACTIVITIES: ALL,
    Action.REGISTER_SELF: ALL,
    # The backoffice runs activities: venues, registrations on behalf of others, attendance, follow-ups.
    Action.MANAGE_ACTIVITIES: OFFICE,
    # The kerngroep decides on the activity programme and follows up on what was agreed.
    Action.VIEW_FOLLOW_UPS: OFFICE | {Role.CORE_GROUP},
    # Who came to what: every partner for the office and kerngroep, the own organisation for a partner.
    Action.VIEW_PARTICIPATION: OFFICE | {Role.CORE_GROUP, Role.PARTNER_CONTACT},
    Action.VIEW_GROUPS: ALL,
    Action.MANAGE_GROUPS: OFFICE,
    # Kerngroep meetings: the coordinator prepares them, the kerngroep (its secretary) keeps the minutes.
    Action.VIEW_CORE_MEETINGS: OFFICE | {Role.CORE_GROUP},
    Action.RECORD_MINUTES: OFFICE | {Role.CORE_GROUP},
    # Invitations, newsletters, reminders: the backoffice's work (seed 002).
    Action.MANAGE_MAILINGS: OFFICE,
    # matching (candidates): personal data of candidates never reaches the backoffice, kerngroep, steering or
    # editor. An advisor sees the own organisation's candidates, the coordinator those with a match consent for
    # the network, a partner contact anonymous profiles only (see scope_candidates and sees_candidate_contact).
    Action.VIEW_CANDIDATES: frozenset({Role.COORDINATOR, Role.PUBLIC_ADVISOR, Role.PARTNER_CONTACT}),
    Action.MANAGE_CANDIDATES: frozenset({Role.COORDINATOR, Role.PUBLIC_ADVISOR}),
    Action.VIEW_CANDIDATE_LOG: frozenset({Role.COORDINATOR, Role.PUBLIC_ADVISOR}),
    # The shared task list holds no personal data: whoever describes candidates or opportunities searches it.
    Action.SUGGEST_TASKS: ALL - {Role.STEERING, Role.EDITOR},
    # matching (opportunities and matches): the kerngroep reads the network's opportunities but never a
    # candidate; a partner contact offers and carves jobs for the own organisation (see can_manage_opportunity)
    # and sees only matches proposed to it, as anonymous profiles (see scope_matches); the coordinator and public
    # partner advisors match consented candidates (advisors only their own organisation's). The backoffice
    # never handles candidates' personal data (see "matching (candidates)").
    Action.VIEW_OPPORTUNITIES: OFFICE | {Role.CORE_GROUP, Role.PUBLIC_ADVISOR, Role.PARTNER_CONTACT},
    Action.MANAGE_OPPORTUNITIES: OFFICE | {Role.PUBLIC_ADVISOR, Role.PARTNER_CONTACT},
    Action.CARVE_JOBS: OFFICE | {Role.PUBLIC_ADVISOR, Role.PARTNER_CONTACT},
    Action.VIEW_MATCHES: frozenset({Role.COORDINATOR, Role.PUBLIC_ADVISOR, Role.PARTNER_CONTACT}),
    Action.MATCH_CANDIDATES: frozenset({Role.COORDINATOR, Role.PUBLIC_ADVISOR}),
    Action.ANSWER_INTRODUCTION: frozenset({Role.COORDINATOR, Role.PARTNER_CONTACT}),
    # speedmeet (drive-in): the office and advisors run it (rounds, tables, the plan) and the backoffice sees
    # candidates only by reference; the coordinator and advisors present candidates and confirm the plan
    # (MATCH_CANDIDATES, see can_confirm_speedmeet); a partner contact of a registered employer marks whom it
    # wants to meet (see can_choose_at_speedmeet); the coordinator previews the employers' page without marking.
    Action.ORGANISE_SPEEDMEET: OFFICE | {Role.PUBLIC_ADVISOR},
    Action.CHOOSE_AT_SPEEDMEET: frozenset({Role.PARTNER_CONTACT, Role.COORDINATOR}),
    # desk: the office and whoever is on the duty roster take intakes (see can_handle_request); a public
    # partner advisor confirms follow-up of what was referred to the own organisation; a partner contact
    # asks questions and follows the own organisation's requests.
    Action.VIEW_DESK: OFFICE | {Role.CORE_GROUP, Role.PUBLIC_ADVISOR, Role.PARTNER_CONTACT},
    Action.SUBMIT_DESK_REQUEST: OFFICE | {Role.PARTNER_CONTACT},
    Action.HANDLE_DESK: OFFICE | {Role.CORE_GROUP, Role.PUBLIC_ADVISOR, Role.PARTNER_CONTACT},
    Action.MANAGE_DUTY: OFFICE,
    Action.VIEW_DESK_REPORT: GOVERNANCE | {Role.PUBLIC_ADVISOR},
    Action.VIEW_EXCHANGE: OFFICE | {Role.CORE_GROUP, Role.PARTNER_CONTACT},
    Action.POST_STAFF_OFFER: OFFICE | {Role.PARTNER_CONTACT},
    # outreach (campaigns)
    # Any member except steering and the signpost editor may interview for a campaign it is assigned to
    # (see scope_campaigns) and record a contact by hand; the office runs the campaigns; governance and public
    # partners read reports (public partners without the names of employers who did not consent, see
    # sees_company_names).
    Action.VIEW_OUTREACH: ALL - {Role.STEERING, Role.EDITOR},
    Action.LOG_CONVERSATION: ALL - {Role.STEERING, Role.EDITOR},
    Action.RECORD_CONTACT: ALL - {Role.STEERING, Role.EDITOR},
    Action.MANAGE_OUTREACH: OFFICE,
    Action.VIEW_OUTREACH_REPORT: GOVERNANCE | {Role.PUBLIC_ADVISOR},
    # knowledge (signpost): an editor (redacteur) keeps the public signpost up to date, as may the office.
    # Besides that an editor sees what every member sees of the network (dashboard, bodies, open
    # activities, groups, the network's ambition totals) but no partner's file (VIEW_PARTNERS above).
    Action.MANAGE_SIGNPOST: OFFICE | {Role.EDITOR},
}

PUBLIC = "public"
AUTHENTICATED = "authenticated"

# Roles that see every partner's file (contacts, contributions); the others only their own organisation.
SEES_ALL_PARTNERS = OFFICE | {Role.CORE_GROUP}
# Roles that see every partner's ambitions and results in the network's reports.
SEES_ALL_RESULTS = SEES_ALL_PARTNERS | {Role.STEERING}


def allows(membership: Membership | None, action: Action) -> bool:
    return membership is not None and membership.role in RULES[action]


def allowed_actions(membership: Membership | None) -> set[str]:
    return {str(action) for action in Action if allows(membership, action)}


def membership_for(user, network_slug: str) -> Membership:
    """The user's membership of the network, or 404 (a network you are not in does not exist)."""
    membership = (
        Membership.objects.select_related("network", "organisation")
        .filter(user=user, network__slug=network_slug)
        .first()
    )
    if membership is None:
        raise Http404
    return membership


def can_decide(membership: Membership) -> bool:
    """The chair of the network's kerngroep records admission decisions."""
    if membership.role != Role.CORE_GROUP:
        return False
    return membership.user.seats.filter(
        body__network_id=membership.network_id, body__kind="core_group", role="chair"
    ).exists()


def can_manage_partnership_ambitions(membership: Membership, partnership) -> bool:
    if not allows(membership, Action.MANAGE_AMBITIONS):
        return False
    if membership.role == Role.PARTNER_CONTACT:
        return partnership.organisation_id == membership.organisation_id
    return True


def scope_partnerships(membership: Membership, queryset, *, results: bool = False):
    """Restrict a Partnership queryset to what the member may see: in detail, or (results=True) in reports."""
    queryset = queryset.filter(network_id=membership.network_id)
    if membership.role in (SEES_ALL_RESULTS if results else SEES_ALL_PARTNERS):
        return queryset
    return queryset.filter(organisation_id=membership.organisation_id)


def scope_activities(membership: Membership, queryset):
    """Restrict an Activity queryset to the network's activities whose audience includes the member.

    The office sees every activity. Others see those for all partners and open ones, the kerngroep's
    if they are in it, a group's if their email address is a member's or the lead's, an invitation list's
    if they are on it, and any activity they are registered for or wait for (not one they cancelled).
    """
    queryset = queryset.filter(network_id=membership.network_id)
    if membership.role in OFFICE:
        return queryset
    model = queryset.model
    group_model = model._meta.get_field("group").related_model
    registration_model = model._meta.get_field("registrations").related_model
    email = membership.user.email
    own_groups = group_model.objects.filter(network_id=membership.network_id).filter(
        Q(members__email__iexact=email) | Q(lead__email__iexact=email)
    )
    invited = model.invitees.through.objects.filter(contact__email__iexact=email).values("activity_id")
    registered = (
        registration_model.objects.filter(email=email.lower()).exclude(status="cancelled").values("activity_id")
    )
    visible = Q(audience__in=["all_partners", "open"])
    if membership.role == Role.CORE_GROUP:
        visible |= Q(audience="core_group")
    visible |= Q(audience="group", group__in=own_groups.values("pk"))
    visible |= Q(audience="invite_list", pk__in=invited)
    visible |= Q(pk__in=registered)
    return queryset.filter(visible)


def can_read_table_results(membership: Membership, activity) -> bool:
    """A praktijktafel's results page: the office and the kerngroep, and the people who took part (a place at
    the activity, by the member's email address or account, and not marked absent)."""
    if membership.role in OFFICE or membership.role == Role.CORE_GROUP:
        return True
    took_part = Q(email=membership.user.email.lower()) | Q(user_id=membership.user_id)
    return activity.registrations.filter(took_part, status="registered").exclude(attendance="absent").exists()


def can_see_participation(membership: Membership, organisation_id: int | None) -> bool:
    """Participation history: the office and kerngroep of every partner, a partner contact of the own one."""
    if not allows(membership, Action.VIEW_PARTICIPATION):
        return False
    return membership.role in SEES_ALL_PARTNERS or membership.organisation_id == organisation_id


def can_post_group_update(membership: Membership, group) -> bool:
    """The group's kartrekker (by email address) posts updates; the office may do so on their behalf.

    Updates go on the kerngroep's agenda, so nobody posts for a group that has stopped, and a kartrekker
    whose organisation is no longer a partner of the network posts no more.
    """
    if group.status == "ended":
        return False
    if membership.role in OFFICE:
        return True
    lead = group.lead
    if lead is None or not lead.email or lead.email.lower() != membership.user.email.lower():
        return False
    return lead.organisation.partnerships.filter(network_id=group.network_id).members().exists()


def network_view(action: Action):
    """Decorator for views under /n/<network>/: login, membership, then the action."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, network, *args, **kwargs):
            if not request.user.is_authenticated:
                if getattr(request, "htmx", False):
                    # htmx would follow a redirect and put the login page into part of the page: send the
                    # whole browser to the login page, back to the page the request came from.
                    page = request.htmx.current_url_abs_path or request.get_full_path()
                    return HttpResponseClientRedirect(redirect_to_login(page).url)
                return redirect_to_login(request.get_full_path())
            membership = membership_for(request.user, network)
            if not allows(membership, action):
                raise PermissionDenied
            request.membership = membership
            request.network = membership.network
            return view(request, *args, **kwargs)

        wrapper.spil_permission = action
        return wrapper

    return decorator


def public_view(view):
    view.spil_permission = PUBLIC
    return view


def login_view(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.spil_permission = AUTHENTICATED
    return wrapper


# desk


def is_desk_staff(membership: Membership) -> bool:
    """The office, and everyone the roster has ever put on duty, take intakes and see every request."""
    if membership.role in OFFICE:
        return True
    if not hasattr(membership, "_desk_staff"):
        membership._desk_staff = membership.user.duty_shifts.filter(network_id=membership.network_id).exists()
    return membership._desk_staff


def scope_desk_requests(membership: Membership, queryset):
    """Desk staff and the kerngroep see every request of the network; a public partner advisor those
    referred to the own organisation; a partner contact the own organisation's."""
    queryset = queryset.filter(network_id=membership.network_id)
    if membership.role == Role.CORE_GROUP or is_desk_staff(membership):
        return queryset
    if membership.role == Role.PUBLIC_ADVISOR:
        return queryset.filter(referred_to_id=membership.organisation_id)
    if membership.role == Role.PARTNER_CONTACT:
        return queryset.filter(organisation_id=membership.organisation_id)
    return queryset.none()


def can_confirm_request(membership: Membership, request) -> bool:
    """Follow-up is confirmed by an advisor of the organisation the request was referred to (or the office)."""
    if membership.role in OFFICE:
        return True
    return membership.role == Role.PUBLIC_ADVISOR and request.referred_to_id == membership.organisation_id


def can_answer_exchange(membership: Membership, offer_organisation_id: int) -> bool:
    """A partner contact accepts a staff-exchange proposal for the own organisation; the office for anyone."""
    return membership.role in OFFICE or membership.organisation_id == offer_organisation_id


def scope_campaigns(membership: Membership, queryset):
    """Outreach campaigns: the office and kerngroep see all of the network's, others those they interview for."""
    queryset = queryset.filter(network_id=membership.network_id)
    if membership.role in SEES_ALL_PARTNERS:
        return queryset
    return queryset.filter(interviewers=membership.user_id)


def can_log_conversation(membership: Membership, campaign) -> bool:
    """The office logs for anyone; an interviewer for the campaigns assigned to them."""
    if not allows(membership, Action.LOG_CONVERSATION):
        return False
    if membership.role in OFFICE:
        return True
    return campaign.interviewers.filter(pk=membership.user_id).exists()


def sees_company_names(membership: Membership) -> bool:
    """Reports for public partners hide employers who did not consent to share their name (AVG)."""
    return membership.role != Role.PUBLIC_ADVISOR


# matching (opportunities and matches)


def scope_opportunities(membership: Membership, queryset):
    """Opportunities of the network; a partner contact sees only the own organisation's."""
    queryset = queryset.filter(network_id=membership.network_id)
    if not allows(membership, Action.VIEW_OPPORTUNITIES):
        return queryset.none()
    if membership.role == Role.PARTNER_CONTACT:
        return queryset.filter(organisation_id=membership.organisation_id)
    return queryset


def can_manage_opportunity(membership: Membership, organisation_id: int | None) -> bool:
    """A partner contact for the own organisation; the office and public partner advisors for any partner."""
    if not allows(membership, Action.MANAGE_OPPORTUNITIES):
        return False
    return membership.role != Role.PARTNER_CONTACT or membership.organisation_id == organisation_id


def can_import(membership: Membership, kind: str) -> bool:
    """Imports: candidates by those who register them (coordinator, public partner advisor); opportunities by
    the office and advisors, who file them for any employer partner (a partner contact adds its own by hand)."""
    if kind == "candidates":
        return allows(membership, Action.MANAGE_CANDIDATES)
    return allows(membership, Action.MANAGE_OPPORTUNITIES) and membership.role != Role.PARTNER_CONTACT


def scope_import_jobs(membership: Membership, queryset):
    """Import jobs of the network: an advisor sees those of the own organisation, the coordinator and
    backoffice their own and (office) every opportunity import; candidate imports never leave the importing
    organisation and the person who ran them."""
    queryset = queryset.filter(network_id=membership.network_id)
    if membership.role == Role.PUBLIC_ADVISOR and membership.organisation_id is not None:
        return queryset.filter(organisation_id=membership.organisation_id)
    if membership.role in OFFICE:
        return queryset.filter(Q(user_id=membership.user_id) | Q(kind="opportunities"))
    return queryset.none()


def scope_export_jobs(membership: Membership, queryset):
    """List exports (their files may hold personal data): only the member who asked for one, in the network, role
    and organisation it was asked in (the file holds what that role sees)."""
    return queryset.filter(
        network_id=membership.network_id,
        user_id=membership.user_id,
        role=membership.role,
        organisation_id=membership.organisation_id,
    )


def scope_matches(membership: Membership, queryset):
    """Matches of the network: the coordinator all, an advisor those of candidates the own organisation
    registered, a partner contact those proposed to the own organisation (never a mere suggestion)."""
    queryset = queryset.filter(opportunity__network_id=membership.network_id)
    if membership.role == Role.COORDINATOR:
        return queryset
    if membership.role == Role.PUBLIC_ADVISOR:
        return queryset.filter(candidate__organisation_id=membership.organisation_id)
    if membership.role == Role.PARTNER_CONTACT:
        return queryset.filter(opportunity__organisation_id=membership.organisation_id).exclude(stage="suggested")
    return queryset.none()


def scope_cohorts(membership: Membership, queryset):
    """Cohort assignments of the network: the coordinator all, an advisor those of the own organisation (they
    hold its candidates' names); nobody else any (MATCH_CANDIDATES)."""
    queryset = queryset.filter(network_id=membership.network_id)
    if membership.role == Role.COORDINATOR:
        return queryset
    if membership.role == Role.PUBLIC_ADVISOR and membership.organisation_id is not None:
        return queryset.filter(organisation_id=membership.organisation_id)
    return queryset.none()


# matching (candidates)

# Roles that see who a candidate is; a partner contact sees anonymous profiles (and contact details only under
# a share_contact consent for the own organisation).
SEES_CANDIDATE_IDENTITY = frozenset({Role.COORDINATOR, Role.PUBLIC_ADVISOR})


def _consented_candidates(queryset, *, purpose: str, network_id: int, employer_id: int | None = None):
    """Ids of candidates with a consent in force for the purpose (read through the queryset's model, so this
    module does not import the matching app). Evaluated in the database on every request: nothing caches."""
    consent_model = queryset.model._meta.get_field("consents").related_model
    consents = consent_model.objects.in_force().filter(purpose=purpose, network_id=network_id)
    if employer_id is not None:
        consents = consents.filter(employer_id=employer_id)
    return consents.values("candidate_id")


def scope_candidates(membership: Membership, queryset):
    """Restrict a Candidate queryset to the candidates the member may see at all.

    An advisor sees the candidates the own organisation registered (their data has not left it, consent or
    not); the coordinator those with a consent to match within the network; a partner contact those with a
    consent to show an anonymous profile to the network's employers; nobody else any.
    """
    queryset = queryset.filter(network_id=membership.network_id)
    role = membership.role
    if role == Role.PUBLIC_ADVISOR and membership.organisation_id is not None:
        return queryset.filter(organisation_id=membership.organisation_id)
    if role == Role.COORDINATOR:
        purpose = "match"
    elif role == Role.PARTNER_CONTACT:
        purpose = "anonymous_profile"
    else:
        return queryset.none()
    consented = _consented_candidates(queryset, purpose=purpose, network_id=membership.network_id)
    return queryset.filter(anonymised_at=None, pk__in=consented)


def sees_candidate_identity(membership: Membership) -> bool:
    return membership.role in SEES_CANDIDATE_IDENTITY


def can_manage_candidate(membership: Membership, candidate) -> bool:
    """Edit, record consent, export and erase: the coordinator, or an advisor of the registering organisation."""
    if membership.role == Role.COORDINATOR:
        return candidate.network_id == membership.network_id
    return (
        membership.role == Role.PUBLIC_ADVISOR
        and membership.organisation_id is not None
        and candidate.organisation_id == membership.organisation_id
    )


# Stages of a match from the introduction on: only then may an employer see who the candidate is.
CONTACT_STAGES = ("introduction", "trial", "contract", "sustainable")


def introduced_with_consent(queryset, *, network_id: int, employer_id: int):
    """Candidates of the queryset an employer may know by name: introduced to it (a match of one of its
    opportunities at the introduction or further) and consenting to share their contact details with it."""
    consented = _consented_candidates(queryset, purpose="share_contact", network_id=network_id, employer_id=employer_id)
    return queryset.filter(
        anonymised_at=None,
        pk__in=consented,
        matches__opportunity__organisation_id=employer_id,
        matches__stage__in=CONTACT_STAGES,
    ).distinct()


def sees_candidate_contact(membership: Membership, candidate) -> bool:
    """Name and contact details: who sees the identity while the candidate is in the member's scope (a revoked
    match consent hides a candidate from the coordinator at once), or a partner contact whose organisation the
    candidate was introduced to and consented to share them with."""
    queryset = type(candidate).objects.filter(pk=candidate.pk)
    if sees_candidate_identity(membership):
        return scope_candidates(membership, queryset).exists()
    if membership.role != Role.PARTNER_CONTACT or membership.organisation_id is None:
        return False
    return introduced_with_consent(
        queryset, network_id=membership.network_id, employer_id=membership.organisation_id
    ).exists()


# matching (speedmeet)


def can_choose_at_speedmeet(membership: Membership, activity) -> bool:
    """A partner contact marks candidates for the own organisation, once it is registered for the activity."""
    if membership.role != Role.PARTNER_CONTACT or membership.organisation_id is None:
        return False
    return activity.registrations.filter(organisation_id=membership.organisation_id, status="registered").exists()


def can_confirm_speedmeet(membership: Membership, candidate_organisation_ids) -> bool:
    """Confirming the plan makes introductions: the coordinator, or an advisor when every candidate in the plan
    was registered by the advisor's own organisation."""
    if not allows(membership, Action.MATCH_CANDIDATES):
        return False
    if membership.role == Role.COORDINATOR:
        return True
    return membership.organisation_id is not None and set(candidate_organisation_ids) <= {membership.organisation_id}
