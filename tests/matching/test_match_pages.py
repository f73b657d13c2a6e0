"""Matching pages: ranked lists with explanations, only under a match consent, every match logged, employers
see anonymous profiles until an introduction with consent to share contact details."""

from django.urls import reverse
from django.utils import timezone

from spil.matching.models import AccessLog, Match, MatchEvent
from spil.partners.models import Organisation
from tests.matching.candidate_factories import add_consent, make_candidate
from tests.matching.opportunity_factories import make_learning_job, make_opportunity


def _url(cast, name, *args):
    return reverse(f"matching:{name}", args=[cast.network.slug, *args])


def _propose(client, cast, candidate, opportunity):
    return client.post(_url(cast, "match_propose"), {"candidate": candidate.pk, "opportunity": opportunity.pk})


def test_ranked_opportunities_for_a_candidate_explain_fit_missing_and_where_to_learn(cast, client):
    candidate = make_candidate(cast, tasks=["Afwassen"])
    make_opportunity(cast, title="Afwasser")  # Afwassen 60%, Koken 40%
    make_learning_job(cast)  # teaches Koken
    make_opportunity(cast, title="Te veel uren", hours_per_week=40)  # more than 24 + 4 hours: never ranked
    client.force_login(cast.wsp_advisor)
    response = client.get(_url(cast, "candidate_matches", candidate.pk))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Afwasser" in body and "Te veel uren" not in body
    assert "Taken die passen: Afwassen (60%)" in body
    assert "Taken die ontbreken: Koken (40%)" in body
    assert "Koken leren bij: Leerbaan kok (BBL entree, ROC Midden Nederland) – Bouwbedrijf Bosman" in body
    log = AccessLog.objects.get(candidate=candidate, action="match")
    assert log.user == cast.wsp_advisor


def test_matching_a_candidate_without_consent_is_refused_with_the_reason(cast, client):
    candidate = make_candidate(cast, consents=["anonymous_profile"])
    opportunity = make_opportunity(cast)
    client.force_login(cast.wsp_advisor)
    response = client.get(_url(cast, "candidate_matches", candidate.pk))
    assert response.status_code == 403
    assert "geen geldige toestemming" in response.content.decode()
    response = _propose(client, cast, candidate, opportunity)
    assert response.status_code == 302
    assert not Match.objects.exists()
    page = client.get(response.url).content.decode()
    assert "geen geldige toestemming" in page
    assert not AccessLog.objects.filter(action="match").exists()


def test_revoked_or_expired_consent_stops_matching_at_once(cast, client):
    candidate = make_candidate(cast, consents=[])
    consent = add_consent(cast, candidate, "match")
    client.force_login(cast.wsp_advisor)
    assert client.get(_url(cast, "candidate_matches", candidate.pk)).status_code == 200
    consent.revoked_at = timezone.now()
    consent.save()
    assert client.get(_url(cast, "candidate_matches", candidate.pk)).status_code == 403
    add_consent(cast, candidate, "match", expires_on=timezone.localdate() - timezone.timedelta(days=1))
    assert client.get(_url(cast, "candidate_matches", candidate.pk)).status_code == 403


def test_ranked_candidates_only_with_consent_and_for_advisors_only_their_own(cast, client):
    uwv = Organisation.objects.create(name="UWV Testregio", kind="uwv", postcode="3811 AA")
    own = make_candidate(cast, first_name="Eigen", tasks=["Afwassen"])
    make_candidate(cast, first_name="Zonder", consents=["anonymous_profile"], tasks=["Afwassen"])
    other = make_candidate(cast, first_name="Ander", organisation=uwv, tasks=["Afwassen"])
    opportunity = make_opportunity(cast)
    client.force_login(cast.wsp_advisor)
    body = client.get(_url(cast, "opportunity_matches", opportunity.pk)).content.decode()
    assert "Eigen Bennani" in body and "Zonder" not in body and "Ander" not in body
    assert set(AccessLog.objects.filter(action="match").values_list("candidate_id", flat=True)) == {own.pk}
    client.force_login(cast.coordinator)
    body = client.get(_url(cast, "opportunity_matches", opportunity.pk)).content.decode()
    assert "Eigen Bennani" in body and "Ander Bennani" in body and "Zonder" not in body
    assert AccessLog.objects.filter(action="match", candidate=other, user=cast.coordinator).exists()


def test_only_the_coordinator_and_advisors_match(cast, client):
    candidate = make_candidate(cast)
    opportunity = make_opportunity(cast)
    for persona in ("backoffice", "chair", "partner_a", "steering"):
        client.force_login(getattr(cast, persona))
        assert client.get(_url(cast, "opportunity_matches", opportunity.pk)).status_code == 403, persona
        assert client.get(_url(cast, "candidate_matches", candidate.pk)).status_code == 403, persona
        assert _propose(client, cast, candidate, opportunity).status_code == 403, persona
    assert not Match.objects.exists()


def test_proposing_records_the_match_its_history_and_the_access(cast, client):
    candidate = make_candidate(cast, tasks=["Afwassen"])
    opportunity = make_opportunity(cast)
    client.force_login(cast.wsp_advisor)
    response = _propose(client, cast, candidate, opportunity)
    match = Match.objects.get()
    assert response.url == _url(cast, "match", match.pk)
    assert match.stage == "proposed" and match.score > 0
    assert match.explanation["tasks_fit"] == [{"task": "Afwassen", "share": 60}]
    assert list(MatchEvent.objects.filter(match=match).values_list("stage", flat=True)) == ["suggested", "proposed"]
    assert AccessLog.objects.filter(candidate=candidate, action="match", user=cast.wsp_advisor).exists()
    # Proposing twice is refused with a message, not a second match.
    response = _propose(client, cast, candidate, opportunity)
    assert "al voorgelegd" in client.get(response.url).content.decode()
    assert Match.objects.count() == 1


def test_employer_sees_an_anonymous_profile_until_introduction_with_consent(cast, client):
    candidate = make_candidate(cast, tasks=["Afwassen"])
    opportunity = make_opportunity(cast)
    client.force_login(cast.wsp_advisor)
    _propose(client, cast, candidate, opportunity)
    match = Match.objects.get()

    client.force_login(cast.partner_a)
    for url in (_url(cast, "match", match.pk), _url(cast, "matches"), _url(cast, "opportunity", opportunity.pk)):
        body = client.get(url).content.decode()
        assert "Bennani" not in body and "fatima@example.org" not in body, url
        assert f"Kandidaat {candidate.pk}" in body, url
    body = client.get(_url(cast, "match", match.pk)).content.decode()
    assert "Afwassen (60%)" in body  # the explanation is shown to the employer too
    assert "werk graag met mijn handen" in body and "Fatima" not in body  # the pitch without the name

    # The other employer does not see it at all.
    client.force_login(cast.partner_b)
    assert client.get(_url(cast, "match", match.pk)).status_code == 404

    # Partner A accepts: an introduction, still anonymous without a share_contact consent for A.
    client.force_login(cast.partner_a)
    response = client.post(_url(cast, "match_answer", match.pk), {"answer-answer": "accept"})
    assert response.status_code == 302
    match.refresh_from_db()
    assert match.stage == "introduction"
    assert "fatima@example.org" not in client.get(_url(cast, "match", match.pk)).content.decode()
    add_consent(cast, candidate, "share_contact", employer=cast.org_b)
    assert "fatima@example.org" not in client.get(_url(cast, "match", match.pk)).content.decode()
    add_consent(cast, candidate, "share_contact", employer=cast.org_a)
    body = client.get(_url(cast, "match", match.pk)).content.decode()
    assert "fatima@example.org" in body and "Fatima Bennani" in body
    assert AccessLog.objects.filter(candidate=candidate, action="view", user=cast.partner_a).exists()


def test_a_mere_suggestion_is_not_shown_to_the_employer(cast, client):
    candidate = make_candidate(cast)
    opportunity = make_opportunity(cast)
    match = Match.objects.create(candidate=candidate, opportunity=opportunity, score=50)
    client.force_login(cast.partner_a)
    assert client.get(_url(cast, "match", match.pk)).status_code == 404


def test_employer_declines_and_cannot_answer_twice_or_for_another(cast, client):
    candidate = make_candidate(cast)
    opportunity = make_opportunity(cast)
    client.force_login(cast.wsp_advisor)
    _propose(client, cast, candidate, opportunity)
    match = Match.objects.get()
    client.force_login(cast.partner_a)
    response = client.post(_url(cast, "match_answer", match.pk), {"answer-answer": "maybe"})
    assert response.status_code == 400
    assert "answer" in response.context["answer_form"].errors
    client.post(_url(cast, "match_answer", match.pk), {"answer-answer": "decline"})
    match.refresh_from_db()
    assert (match.stage, match.end_reason) == ("ended", "not_suitable")
    response = client.post(_url(cast, "match_answer", match.pk), {"answer-answer": "accept"})
    assert response.status_code == 400
    client.force_login(cast.wsp_advisor)
    assert client.post(_url(cast, "match_answer", match.pk), {"answer-answer": "accept"}).status_code == 403
