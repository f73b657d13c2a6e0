"""The employer desk: a request comes in, the person on duty is told, intake, referral to the WSP of the
region, the WSP confirms, the desk closes it; the employer is emailed at each step and can follow the status."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from spil.core.workdays import NETHERLANDS
from spil.desk import services
from spil.desk.models import DutyShift, Request, RequestStatus
from spil.networks.models import LabourMarketRegion
from spil.partners.models import Organisation
from tests.cast import make_organisation, make_partnership

DATA = {
    "kind": "staff_wanted",
    "description": "Wij zoeken twee mensen voor de inpak.",
    "organisation_name": "Kwekerij De Linde",
    "contact_name": "Linda de Linde",
    "email": "Linda@DeLinde.example",
    "phone": "033 123 45 67",
    "postcode": "3812ab",
}


def at(*args) -> datetime:
    return datetime(*args, tzinfo=NETHERLANDS)


def submit(cast, capture, moment=None, **extra):
    with capture(execute=True):
        return services.request_submit(network=cast.network, data={**DATA, **extra}, now=moment)


def test_a_request_starts_the_one_working_day_clock_and_tells_employer_and_person_on_duty(
    cast, mailbox, django_capture_on_commit_callbacks
):
    DutyShift.objects.create(network=cast.network, day=at(2026, 11, 20).date(), user=cast.backoffice)
    request = submit(cast, django_capture_on_commit_callbacks, at(2026, 11, 20, 14, 5))  # a Friday afternoon

    assert request.due_at == at(2026, 11, 23, 14, 5)  # Monday, same time
    assert request.postcode == "3812 AB"
    assert request.region.name == "Amersfoort"
    assert request.email == "linda@delinde.example"
    assert request.on_duty == cast.backoffice
    (confirmation,) = mailbox.to("linda@delinde.example")
    assert "binnen één werkdag" in mailbox.body(confirmation)
    assert reverse("desk_public:status", args=[request.token]) in mailbox.body(confirmation)
    (notice,) = mailbox.to(cast.backoffice.email)
    assert "Kwekerij De Linde" in notice["Subject"] and "23-11-2026 14:05" in notice["Subject"]


def test_on_a_weekend_the_request_goes_to_mondays_duty_or_else_to_the_coordinator(
    cast, mailbox, django_capture_on_commit_callbacks
):
    DutyShift.objects.create(network=cast.network, day=at(2026, 11, 23).date(), user=cast.core_member)
    request = submit(cast, django_capture_on_commit_callbacks, at(2026, 11, 21, 10, 0))  # Saturday
    assert request.on_duty == cast.core_member
    assert request.due_at == at(2026, 11, 24, 0, 0)  # the end of Monday

    request = submit(cast, django_capture_on_commit_callbacks, at(2026, 11, 24, 9, 0))  # nobody on duty
    assert request.on_duty is None
    assert mailbox.to(cast.coordinator.email)


def test_intake_referral_confirmation_and_closing_email_the_employer_at_each_step(
    cast, mailbox, django_capture_on_commit_callbacks
):
    request = submit(cast, django_capture_on_commit_callbacks, at(2026, 11, 23, 9, 0))
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        services.request_intake(
            request_id=request.pk,
            user=cast.backoffice,
            question_behind="Ze willen een vaste kracht.",
            now=at(2026, 11, 23, 11, 0),
        )
    with capture(execute=True):
        services.request_refer(
            request_id=request.pk,
            user=cast.backoffice,
            organisation=cast.wsp,
            note="Graag bellen.",
            now=at(2026, 11, 23, 12),
        )
    with capture(execute=True):
        services.request_confirm(request_id=request.pk, user=cast.wsp_advisor, now=at(2026, 11, 24, 10))
    with capture(execute=True):
        services.request_close(
            request_id=request.pk,
            user=cast.backoffice,
            outcome="Twee kandidaten voorgesteld.",
            now=at(2026, 11, 24, 11),
        )

    request.refresh_from_db()
    assert request.status == RequestStatus.CLOSED
    assert request.response_seconds == 2 * 3600
    assert request.answered_in_time is True
    assert request.confirmed_in_time is True and request.confirm_seconds == 22 * 3600
    subjects = [m["Subject"] for m in mailbox.to("linda@delinde.example")]
    assert len(subjects) == 5
    assert any("in behandeling" in s for s in subjects)
    assert any("WSP Testregio" in s for s in subjects)
    assert any("afgerond" in s for s in subjects)
    (advisor_notice,) = mailbox.to(cast.wsp_advisor.email)
    assert "Graag bellen." in mailbox.body(advisor_notice)
    assert [e.kind for e in request.events.all()] == ["submitted", "intake", "referred", "confirmed", "closed"]


def test_a_late_intake_counts_as_late(cast, django_capture_on_commit_callbacks):
    request = submit(cast, django_capture_on_commit_callbacks, at(2026, 11, 23, 9, 0))
    services.request_intake(
        request_id=request.pk, user=cast.backoffice, question_behind="x", now=at(2026, 11, 24, 9, 1)
    )
    request.refresh_from_db()
    assert request.answered_in_time is False


def test_a_referral_outside_the_region_asks_for_confirmation(cast, django_capture_on_commit_callbacks):
    request = submit(cast, django_capture_on_commit_callbacks)
    services.request_intake(request_id=request.pk, user=cast.backoffice, question_behind="Personeel")
    far = make_organisation("WSP Zuid-Limburg", "45678901", kind="wsp")
    far.postcode = "6211 AB"
    far.save()
    make_partnership(cast.network, far)

    with pytest.raises(ValidationError) as error:
        services.request_refer(request_id=request.pk, user=cast.backoffice, organisation=far, note="n")
    assert "buiten de regio Amersfoort" in str(error.value)
    assert Request.objects.get(pk=request.pk).referred_to is None

    services.request_refer(
        request_id=request.pk, user=cast.backoffice, organisation=far, note="n", outside_region_ok=True
    )
    assert Request.objects.get(pk=request.pk).referred_to == far


def test_referral_needs_an_intake_and_a_note(cast, django_capture_on_commit_callbacks):
    request = submit(cast, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError):
        services.request_refer(request_id=request.pk, user=cast.backoffice, organisation=cast.wsp, note="x")
    services.request_intake(request_id=request.pk, user=cast.backoffice, question_behind="Personeel")
    with pytest.raises(ValidationError) as error:
        services.request_refer(request_id=request.pk, user=cast.backoffice, organisation=cast.wsp, note="  ")
    assert "note" in error.value.error_dict


def test_overdue_requests_escalate_to_the_coordinator_once(cast, mailbox, django_capture_on_commit_callbacks):
    request = submit(cast, django_capture_on_commit_callbacks, at(2026, 11, 23, 9, 0))
    answered = submit(cast, django_capture_on_commit_callbacks, at(2026, 11, 23, 9, 0), email="b@example.org")
    services.request_intake(
        request_id=answered.pk, user=cast.backoffice, question_behind="ok", now=at(2026, 11, 23, 10)
    )
    mailbox.messages.clear()

    assert services.requests_escalate(now=at(2026, 11, 24, 8, 59)) == []
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requests_escalate(now=at(2026, 11, 24, 9, 0)) == [request.pk]
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requests_escalate(now=at(2026, 11, 24, 10, 0)) == []
    (notice,) = mailbox.to(cast.coordinator.email)
    assert "over tijd" in notice["Subject"]


def test_the_employer_follows_the_status_without_an_account_and_sees_no_internal_notes(
    cast, client, django_capture_on_commit_callbacks
):
    request = submit(cast, django_capture_on_commit_callbacks)
    services.request_intake(request_id=request.pk, user=cast.backoffice, question_behind="Geheime notitie")
    page = client.get(reverse("desk_public:status", args=[request.token]))
    assert page.status_code == 200
    assert "In behandeling" in page.text and "Geheime notitie" not in page.text
    assert client.get(reverse("desk_public:status", args=["verkeerd"])).status_code == 404


def test_the_region_can_be_corrected_at_intake(cast, django_capture_on_commit_callbacks):
    request = submit(cast, django_capture_on_commit_callbacks, postcode="9999 ZZ")
    assert request.region.name == "Groningen"
    twente = LabourMarketRegion.objects.get(name="Twente")
    services.request_intake(request_id=request.pk, user=cast.backoffice, question_behind="x", region=twente)
    assert Request.objects.get(pk=request.pk).region == twente


def test_a_known_kvk_number_links_the_request_to_the_organisation(cast, django_capture_on_commit_callbacks):
    request = submit(cast, django_capture_on_commit_callbacks, kvk_number="12345678")
    assert request.organisation == cast.org_a
    assert Organisation.objects.count() == 3


def test_roster_accepts_only_network_members_on_working_days(cast):
    monday = at(2026, 11, 23).date()
    services.duty_roster_save(network=cast.network, assignments={monday: cast.backoffice.pk})
    assert DutyShift.objects.get(network=cast.network, day=monday).user == cast.backoffice
    with pytest.raises(ValidationError):
        services.duty_roster_save(network=cast.network, assignments={monday: cast.outsider.pk})
    with pytest.raises(ValidationError):
        services.duty_roster_save(network=cast.network, assignments={monday + timedelta(days=5): cast.backoffice.pk})
    services.duty_roster_save(network=cast.network, assignments={monday: None})
    assert not DutyShift.objects.filter(network=cast.network).exists()
