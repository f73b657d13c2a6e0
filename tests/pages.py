"""Every page of the app, addressed with the objects of a cast (shared by matrix and query tests)."""

from django.urls import reverse

from spil.activities.models import Activity, Group, Registration, Venue
from spil.communication.models import Mailing
from spil.desk.models import Request as DeskRequest
from spil.knowledge.models import SignpostEntry
from spil.networks.models import Body, BodyKind
from spil.outreach.models import Appointment, BusStop, BusTour, Campaign, Conversation
from spil.partners.models import Ambition, Partnership, Status


def first_application(network) -> Partnership:
    return Partnership.objects.filter(network=network, status=Status.APPLICANT).order_by("pk").first()


def page_urls(cast) -> dict[str, str]:
    slug = cast.network.slug
    pa = cast.partnership_a
    ambition = Ambition.objects.filter(partnership=pa).order_by("pk").first()
    application = first_application(cast.network)
    body = Body.objects.get(network=cast.network, kind=BodyKind.CORE_GROUP)
    activity = Activity.objects.filter(network=cast.network).order_by("pk").first()
    job_seeker = Registration.objects.filter(activity=activity, organisation=None).order_by("pk").first()
    venue = Venue.objects.filter(network=cast.network).order_by("pk").first()
    contact_a = cast.org_a.contacts.order_by("pk").first()
    group = Group.objects.filter(network=cast.network).order_by("pk").first()
    meeting = Activity.objects.filter(network=cast.network, kind="core_group_meeting").order_by("pk").first()
    practice = Activity.objects.get(network=cast.network, kind="practice_table")
    sent = Mailing.objects.filter(network=cast.network, status="sent").order_by("pk").first()
    draft = Mailing.objects.filter(network=cast.network, status="draft").order_by("pk").first()
    signpost_entry = SignpostEntry.objects.filter(network=cast.network).order_by("pk").first()
    desk_request = DeskRequest.objects.filter(network=cast.network, organisation=cast.org_a).order_by("pk").first()
    return {
        "dashboard": reverse("dashboards:network", args=[slug]),
        "partner_list": reverse("partners:list", args=[slug]),
        "partner_search": reverse("partners:list", args=[slug]) + "?q=Bakkerij&status=active&stage=starter",
        "partner_detail": reverse("partners:detail", args=[slug, pa.pk]),
        "partner_create": reverse("partners:create", args=[slug]),
        "partner_edit": reverse("partners:edit", args=[slug, pa.pk]),
        "contact_create": reverse("partners:contact_create", args=[slug, pa.pk]),
        "ambition_create": reverse("partners:ambition_create", args=[slug, pa.pk]),
        "result_create": reverse("partners:result_create", args=[slug, ambition.pk]),
        "ambition_delete": reverse("partners:ambition_delete", args=[slug, ambition.pk]),
        "result_delete": reverse("partners:result_delete", args=[slug, ambition.results.order_by("pk").first().pk]),
        "ambitions": reverse("partners:ambitions", args=[slug]),
        "contributions": reverse("partners:contributions", args=[slug]),
        "contributions_unpaid": reverse("partners:contributions", args=[slug]) + "?unpaid=1",
        "contribution_create": reverse("partners:contribution_create", args=[slug, pa.pk]),
        "contribution_year": reverse("partners:contribution_year", args=[slug]),
        "admissions": reverse("partners:admissions", args=[slug]),
        "admission_create": reverse("partners:admission_create", args=[slug]),
        "admission_detail": reverse("partners:admission", args=[slug, application.pk]),
        "bodies": reverse("networks:bodies", args=[slug]),
        "body_edit": reverse("networks:body_edit", args=[slug, body.pk]),
        "stakeholders": reverse("networks:stakeholders", args=[slug]),
        "network_edit": reverse("networks:edit", args=[slug]),
        "members": reverse("partners:members", args=[slug]),
        "contact_invite": reverse("partners:contact_invite", args=[slug, pa.pk]),
        "activities": reverse("activities:list", args=[slug]),
        "activities_past": reverse("activities:list", args=[slug]) + "?when=past",
        "activity_detail": reverse("activities:detail", args=[slug, activity.pk]),
        "activity_create": reverse("activities:create", args=[slug]),
        "activity_edit": reverse("activities:edit", args=[slug, activity.pk]),
        "activity_ics": reverse("activities:ics", args=[slug, activity.pk]),
        "register_other": reverse("activities:register_other", args=[slug, activity.pk]),
        "registration_cancel": reverse("activities:cancel", args=[slug, job_seeker.pk]),
        "attendance": reverse("activities:attendance", args=[slug, activity.pk]),
        "call_off": reverse("activities:call_off", args=[slug, activity.pk]),
        "follow_up_create": reverse("activities:follow_up_create", args=[slug, activity.pk]),
        "follow_ups": reverse("activities:follow_ups", args=[slug]),
        "venues": reverse("activities:venues", args=[slug]),
        "venue_create": reverse("activities:venue_create", args=[slug]),
        "venue_edit": reverse("activities:venue_edit", args=[slug, venue.pk]),
        "participation_partner": reverse("activities:participation_partner", args=[slug, cast.org_a.pk]),
        "participation_contact": reverse("activities:participation_contact", args=[slug, contact_a.pk]),
        "my_activities": reverse("activities:mine", args=[slug]),
        "groups": reverse("activities:groups", args=[slug]),
        "group_detail": reverse("activities:group", args=[slug, group.pk]),
        "group_create": reverse("activities:group_create", args=[slug]),
        "group_edit": reverse("activities:group_edit", args=[slug, group.pk]),
        "meetings": reverse("activities:meetings", args=[slug]),
        "meeting_create": reverse("activities:meeting_create", args=[slug]),
        "meeting_detail": reverse("activities:meeting", args=[slug, meeting.pk]),
        "practice_table": reverse("activities:tables", args=[slug, practice.pk]),
        "practice_table_new_table": reverse("activities:table_create", args=[slug, practice.pk]),
        "practice_table_cards": reverse("activities:table_cards", args=[slug, practice.pk]),
        "practice_table_delete": reverse(
            "activities:table_delete", args=[slug, practice.pk, practice.table_session.tables.order_by("pk").first().pk]
        ),
        "practice_table_results_edit": reverse("activities:table_results_edit", args=[slug, practice.pk]),
        "practice_table_results": reverse("activities:table_results", args=[slug, practice.pk]),
        "mailings": reverse("communication:list", args=[slug]),
        "mailing_create": reverse("communication:create", args=[slug]),
        "mailing_sent": reverse("communication:detail", args=[slug, sent.pk]),
        "mailing_draft": reverse("communication:detail", args=[slug, draft.pk]),
        "mailing_edit": reverse("communication:edit", args=[slug, draft.pk]),
        "mailing_delete": reverse("communication:delete", args=[slug, draft.pk]),
        "mailing_progress": reverse("communication:progress", args=[slug, sent.pk]),
        "signpost_manage": reverse("knowledge:manage", args=[slug]),
        "signpost_needs_check": reverse("knowledge:manage", args=[slug]) + "?status=check&q=initiatief",
        "signpost_entry_create": reverse("knowledge:entry_create", args=[slug]),
        "signpost_entry_edit": reverse("knowledge:entry_edit", args=[slug, signpost_entry.pk]),
        "signpost_entry_delete": reverse("knowledge:entry_delete", args=[slug, signpost_entry.pk]),
        "desk": reverse("desk:list", args=[slug]),
        "desk_overdue": reverse("desk:list", args=[slug]) + "?flag=overdue&status=referred",
        "desk_create": reverse("desk:create", args=[slug]),
        "desk_detail": reverse("desk:detail", args=[slug, desk_request.pk]),
        "desk_roster": reverse("desk:roster", args=[slug]),
        "desk_report": reverse("desk:report", args=[slug]),
        "exchange": reverse("desk:exchange", args=[slug]),
        "offer_create": reverse("desk:offer_create", args=[slug]),
        **_outreach_urls(cast),
        **_matching_urls(cast),
        **_candidate_urls(cast),
        "member_end": reverse(
            "partners:member_end", args=[slug, cast.steering.memberships.get(network=cast.network).pk]
        ),
    }


def _outreach_urls(cast) -> dict[str, str]:
    slug = cast.network.slug
    campaign = Campaign.objects.filter(network=cast.network).order_by("pk").first()
    conversation = Conversation.objects.filter(campaign=campaign, interviewer=cast.wsp_advisor).order_by("pk").first()
    tour = BusTour.objects.filter(network=cast.network).order_by("pk").first()
    stop = BusStop.objects.filter(tour=tour).order_by("pk").first()
    appointment = Appointment.objects.filter(stop=stop).order_by("pk").first()
    org = f"?organisation={cast.org_a.pk}"
    return {
        "outreach_campaigns": reverse("outreach:campaigns", args=[slug]),
        "outreach_campaign": reverse("outreach:campaign", args=[slug, campaign.pk]),
        "outreach_campaign_create": reverse("outreach:campaign_create", args=[slug]),
        "outreach_campaign_edit": reverse("outreach:campaign_edit", args=[slug, campaign.pk]),
        "outreach_guide": reverse("outreach:guide", args=[slug, campaign.pk]),
        "outreach_targets": reverse("outreach:targets", args=[slug, campaign.pk]),
        "outreach_conversation_create": reverse("outreach:conversation_create", args=[slug, campaign.pk]) + org,
        "outreach_pressure": reverse("outreach:pressure", args=[slug]) + org,
        "outreach_conversation": reverse("outreach:conversation", args=[slug, conversation.pk]),
        "outreach_actions": reverse("outreach:actions", args=[slug]),
        "outreach_actions_overdue": reverse("outreach:actions", args=[slug]) + "?te_laat=1",
        "outreach_contact_moments": reverse("outreach:contact_moments", args=[slug]),
        "outreach_contact_moment_create": reverse("outreach:contact_moment_create", args=[slug]) + org,
        "outreach_settings": reverse("outreach:settings", args=[slug]),
        "outreach_report": reverse("outreach:report", args=[slug]),
        "outreach_report_campaign": reverse("outreach:report", args=[slug]) + f"?gespreksronde={campaign.pk}",
        "outreach_report_xlsx": reverse("outreach:report_xlsx", args=[slug]),
        "outreach_tours": reverse("outreach:tours", args=[slug]),
        "outreach_tour": reverse("outreach:tour", args=[slug, tour.pk]),
        "outreach_tour_create": reverse("outreach:tour_create", args=[slug]),
        "outreach_tour_edit": reverse("outreach:tour_edit", args=[slug, tour.pk]),
        "outreach_stop_create": reverse("outreach:stop_create", args=[slug, tour.pk]),
        "outreach_appointment_create": reverse("outreach:appointment_create", args=[slug, stop.pk]),
        "outreach_appointment_log": reverse("outreach:appointment_log", args=[slug, appointment.pk]),
    }


def _candidate_urls(cast) -> dict[str, str]:
    from spil.matching.models import Candidate

    slug = cast.network.slug
    candidate = Candidate.objects.filter(network=cast.network).order_by("pk").first()
    pk = [slug, candidate.pk]
    return {
        "candidates": reverse("matching:candidates", args=[slug]),
        "candidate_search": reverse("matching:candidates", args=[slug]) + "?q=afwassen",
        "candidate_create": reverse("matching:candidate_create", args=[slug]),
        "candidate_import": reverse("matching:candidate_import", args=[slug]),
        "candidate_detail": reverse("matching:candidate", args=pk),
        "candidate_edit": reverse("matching:candidate_edit", args=pk),
        "consent_create": reverse("matching:consent_create", args=pk),
        "candidate_log": reverse("matching:candidate_log", args=pk),
        "candidate_export": reverse("matching:candidate_export", args=pk),
        "candidate_erase": reverse("matching:candidate_erase", args=pk),
        "task_suggestions": reverse("matching:task_suggestions", args=[slug]) + "?tasks=Koken,+afw",
    }


def _speedmeet_urls(cast) -> dict[str, str]:
    slug = cast.network.slug
    speedmeet = Activity.objects.filter(network=cast.network, kind="speedmeet").order_by("pk").first()
    return {
        "speedmeet": reverse("matching:speedmeet", args=[slug, speedmeet.pk]),
        "speedmeet_present": reverse("matching:speedmeet_present", args=[slug, speedmeet.pk]),
        "speedmeet_choose": reverse("matching:speedmeet_choose", args=[slug, speedmeet.pk]),
    }


def _cohort_urls(cast) -> dict[str, str]:
    from spil.matching.models import Cohort

    slug = cast.network.slug
    cohort = Cohort.objects.filter(network=cast.network).order_by("pk").first()
    return {
        "cohorts": reverse("matching:cohorts", args=[slug]),
        "cohort_create": reverse("matching:cohort_create", args=[slug]),
        "cohort_detail": reverse("matching:cohort", args=[slug, cohort.pk]),
        "cohort_progress": reverse("matching:cohort_progress", args=[slug, cohort.pk]),
    }


def _matching_urls(cast) -> dict[str, str]:
    from spil.matching.models import Match, Opportunity

    slug = cast.network.slug
    opportunity = Opportunity.objects.filter(network=cast.network, organisation=cast.org_a).order_by("pk").first()
    match = Match.objects.filter(opportunity=opportunity).order_by("pk").first()
    employer = f"?werkgever={cast.org_a.pk}"
    return {
        "opportunities": reverse("matching:opportunities", args=[slug]),
        "opportunities_filtered": reverse("matching:opportunities", args=[slug]) + "?soort=vacancy&status=all&q=kans",
        "opportunity_create": reverse("matching:opportunity_create", args=[slug]),
        "opportunity_import": reverse("matching:opportunity_import", args=[slug]),
        "opportunity_detail": reverse("matching:opportunity", args=[slug, opportunity.pk]),
        "opportunity_edit": reverse("matching:opportunity_edit", args=[slug, opportunity.pk]),
        "opportunity_matches": reverse("matching:opportunity_matches", args=[slug, opportunity.pk]),
        "carving": reverse("matching:carving", args=[slug]) + employer,
        "role_create": reverse("matching:role_create", args=[slug]) + employer,
        "matches": reverse("matching:matches", args=[slug]),
        "candidate_matches": reverse("matching:candidate_matches", args=[slug, match.candidate_id]),
        "match_detail": reverse("matching:match", args=[slug, match.pk]),
        **_speedmeet_urls(cast),
        **_cohort_urls(cast),
        # list exports (downloads), with the list's filters
        "candidate_list_csv": reverse("matching:candidates_export", args=[slug, "csv"]) + "?q=afwassen",
        "opportunity_list_csv": reverse("matching:opportunities_export", args=[slug, "csv"]) + "?status=all",
        "match_list_csv": reverse("matching:matches_export", args=[slug, "csv"]) + "?fase=trial",
        **_export_job_urls(cast),
    }


def _export_job_urls(cast) -> dict[str, str]:
    """The coordinator's XLSX export of the candidate list (tests.rows): its page, progress and file."""
    from spil.matching.models import ExportJob

    slug = cast.network.slug
    job = ExportJob.objects.filter(network=cast.network, user=cast.coordinator).order_by("pk").first()
    return {
        "export_job": reverse("matching:export_job", args=[slug, job.pk]),
        "export_progress": reverse("matching:export_progress", args=[slug, job.pk]),
        "export_download": reverse("matching:export_download", args=[slug, job.pk]),
    }
