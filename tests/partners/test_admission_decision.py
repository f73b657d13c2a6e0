from django.urls import reverse
from django.utils import timezone

from spil.partners.models import AdmissionDecision, AdmissionOpinion, Contact, Organisation, Partnership, Status


def _application(cast) -> Partnership:
    org = Organisation.objects.create(name="Kringloop Centrum", postcode="3811 AB")
    contact = Contact.objects.create(organisation=org, name="Noor de Wit", email="noor@kringloop.example")
    return Partnership.objects.create(
        network=cast.network,
        organisation=org,
        main_contact=contact,
        status=Status.APPLICANT,
        applied_at=timezone.now(),
        motivation="Wij bieden werkervaringsplekken.",
    )


def _opinion_url(cast, p):
    return reverse("partners:admission_opinion", args=[cast.network.slug, p.pk])


def _decide_url(cast, p):
    return reverse("partners:admission_decide", args=[cast.network.slug, p.pk])


def test_each_kerngroep_member_gives_one_opinion_that_can_be_revised(cast, client):
    application = _application(cast)
    client.force_login(cast.core_member)
    client.post(_opinion_url(cast, application), {"opinion": "against", "comment": "Eerst kennismaken"})
    client.post(_opinion_url(cast, application), {"opinion": "in_favour", "comment": "Na kennismaking: prima"})
    [opinion] = AdmissionOpinion.objects.filter(partnership=application)
    assert opinion.opinion == "in_favour"
    assert opinion.author == cast.core_member


def test_only_kerngroep_members_give_opinions(cast, client):
    application = _application(cast)
    for persona in (cast.coordinator, cast.backoffice, cast.partner_a, cast.steering):
        client.force_login(persona)
        assert client.post(_opinion_url(cast, application), {"opinion": "in_favour"}).status_code == 403
    assert not AdmissionOpinion.objects.exists()


def test_the_chair_decides_and_the_applicant_is_emailed(cast, client, mailbox, django_capture_on_commit_callbacks):
    application = _application(cast)
    client.force_login(cast.chair)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _decide_url(cast, application), {"decision": "admitted", "reason": "Past bij het netwerk."}
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.ADMITTED
    assert application.joined_on == timezone.localdate()
    decision = AdmissionDecision.objects.get(partnership=application)
    assert decision.decided_by == cast.chair
    [message] = mailbox.to("noor@kringloop.example")
    body = mailbox.body(message)
    assert "toegelaten" in body and "Past bij het netwerk." in body


def test_a_declined_applicant_hears_the_reason(cast, client, mailbox, django_capture_on_commit_callbacks):
    application = _application(cast)
    client.force_login(cast.chair)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_decide_url(cast, application), {"decision": "declined", "reason": "Buiten onze regio."})
    application.refresh_from_db()
    assert application.status == Status.DECLINED
    assert "Buiten onze regio." in mailbox.body(mailbox.to("noor@kringloop.example")[0])


def test_nobody_but_the_chair_records_the_decision(cast, client):
    application = _application(cast)
    for persona in (cast.core_member, cast.coordinator, cast.backoffice, cast.steering, cast.partner_a):
        client.force_login(persona)
        response = client.post(_decide_url(cast, application), {"decision": "admitted", "reason": "x"})
        assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == Status.APPLICANT


def test_a_decision_needs_a_reason_and_is_taken_once(cast, client, mailbox, django_capture_on_commit_callbacks):
    application = _application(cast)
    client.force_login(cast.chair)
    response = client.post(_decide_url(cast, application), {"decision": "admitted", "reason": ""})
    assert response.status_code == 400
    assert "reason" in response.context["decision_form"].errors
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_decide_url(cast, application), {"decision": "admitted", "reason": "Welkom"})
        response = client.post(_decide_url(cast, application), {"decision": "declined", "reason": "Toch niet"})
    assert response.status_code == 400
    assert AdmissionDecision.objects.get(partnership=application).decision == "admitted"
    assert len(mailbox.to("noor@kringloop.example")) == 1


def test_history_stays_visible_after_the_decision(cast, client):
    application = _application(cast)
    client.force_login(cast.core_member)
    client.post(_opinion_url(cast, application), {"opinion": "in_favour", "comment": "Goede motivatie"})
    client.force_login(cast.chair)
    client.post(_decide_url(cast, application), {"decision": "admitted", "reason": "Unaniem"})
    client.force_login(cast.coordinator)
    page = client.get(reverse("partners:admission", args=[cast.network.slug, application.pk])).content.decode()
    assert "Goede motivatie" in page and "Unaniem" in page and "Kees Kerngroep" in page
    listing = client.get(reverse("partners:admissions", args=[cast.network.slug])).content.decode()
    assert "Kringloop Centrum" in listing


def test_an_opinion_on_a_decided_application_is_refused(cast, client):
    application = _application(cast)
    client.force_login(cast.chair)
    client.post(_decide_url(cast, application), {"decision": "admitted", "reason": "Welkom"})
    client.force_login(cast.core_member)
    response = client.post(_opinion_url(cast, application), {"opinion": "against"})
    assert response.status_code == 400
    assert not AdmissionOpinion.objects.exists()


def test_the_coordinator_enters_an_application_received_by_phone(cast, client, mailbox):
    client.force_login(cast.coordinator)
    from tests.partners.test_public_application import VALID

    response = client.post(reverse("partners:admission_create", args=[cast.network.slug]), VALID)
    assert response.status_code == 302
    partnership = Partnership.objects.get(organisation__name="Hotel De Zonnebloem")
    assert partnership.status == Status.APPLICANT
    assert partnership.source == "coordinator"


def test_an_application_of_another_network_is_404(cast, client):
    other = Partnership.objects.create(
        network=cast.other_network,
        organisation=Organisation.objects.create(name="Elders BV"),
        status=Status.APPLICANT,
        applied_at=timezone.now(),
    )
    client.force_login(cast.chair)
    assert client.get(reverse("partners:admission", args=[cast.network.slug, other.pk])).status_code == 404
    assert client.post(_decide_url(cast, other), {"decision": "admitted", "reason": "x"}).status_code == 404
    assert client.get(reverse("partners:admission", args=[cast.network.slug, 999999])).status_code == 404
