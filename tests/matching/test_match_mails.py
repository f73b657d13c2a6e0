"""The employer hears of a proposal and the proposing advisor of the answer, by email; no mail names the
candidate or carries personal data (the pages behind the links check who may see what)."""

import pytest
from django.core import mail

from spil.matching.match_services import match_answer, match_propose
from tests.matching.candidate_factories import make_candidate
from tests.matching.opportunity_factories import make_opportunity

pytestmark = pytest.mark.django_db


def _proposed(cast):
    candidate = make_candidate(cast, first_name="Samira", last_name="Bouzid")
    match = match_propose(candidate=candidate, opportunity=make_opportunity(cast), user=cast.wsp_advisor)
    return candidate, match


def test_the_employers_contacts_hear_of_a_proposal_without_the_candidates_name(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        candidate, match = _proposed(cast)
    [message] = mail.outbox
    assert message.to == [cast.partner_a.email]
    assert "Afwasser" in message.subject
    assert f"/matches/{match.pk}/" in message.body
    for personal in ("Samira", "Bouzid", candidate.email, str(candidate.birth_date)):
        assert personal not in message.body and personal not in message.subject


@pytest.mark.parametrize("accept, words", [(True, "wil kennismaken"), (False, "zegt nee")])
def test_the_proposing_advisor_hears_the_answer(cast, django_capture_on_commit_callbacks, accept, words):
    candidate, match = _proposed(cast)
    with django_capture_on_commit_callbacks(execute=True):
        match_answer(match_id=match.pk, user=cast.partner_a, accept=accept)
    [message] = mail.outbox
    assert message.to == [cast.wsp_advisor.email]
    assert words in message.subject and str(candidate.pk) in message.subject
    assert "Samira" not in message.body


def test_an_advisor_who_left_the_network_gets_no_answer_mail(cast, django_capture_on_commit_callbacks):
    from spil.accounts.models import Membership

    _candidate, match = _proposed(cast)
    Membership.objects.filter(user=cast.wsp_advisor, network=cast.network).delete()
    with django_capture_on_commit_callbacks(execute=True):
        match_answer(match_id=match.pk, user=cast.partner_a, accept=True)
    assert all(cast.wsp_advisor.email not in message.to for message in mail.outbox)
