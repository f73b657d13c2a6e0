"""The conversation guide is versioned: a conversation keeps the questions it was held with."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from spil.outreach import selectors, services
from tests.outreach.factories import QUESTIONS, log_conversation, make_campaign

pytestmark = pytest.mark.django_db


def test_a_new_campaign_starts_with_version_one_of_its_guide(cast):
    campaign = make_campaign(cast)
    guide = selectors.current_guide(campaign)
    assert guide.number == 1
    assert [q.text for q in guide.question_list] == QUESTIONS


def test_editing_the_guide_makes_a_new_version_and_old_conversations_keep_their_questions(cast):
    campaign = make_campaign(cast)
    old = log_conversation(campaign, cast.org_a, cast.wsp_advisor, date(2026, 3, 1))
    version = services.guide_revise(campaign=campaign, questions=["Welke vacatures heeft u?"], user=cast.coordinator)
    new = log_conversation(campaign, cast.org_b, cast.wsp_advisor, date(2026, 3, 2))
    assert version.number == 2
    assert [a.question.text for a in selectors.answers(old)] == QUESTIONS
    assert [a.question.text for a in selectors.answers(new)] == ["Welke vacatures heeft u?"]
    assert old.guide_version.number == 1 and new.guide_version.number == 2


def test_an_unchanged_or_empty_guide_is_refused_with_a_message(cast):
    campaign = make_campaign(cast)
    with pytest.raises(ValidationError) as error:
        services.guide_revise(campaign=campaign, questions=QUESTIONS)
    assert "niet veranderd" in str(error.value)
    with pytest.raises(ValidationError):
        services.guide_revise(campaign=campaign, questions=["  "])
    assert campaign.guide_versions.count() == 1


def test_the_guide_page_saves_a_new_version(cast, client):
    campaign = make_campaign(cast)
    client.force_login(cast.backoffice)
    url = f"/n/{cast.network.slug}/gesprekken/rondes/{campaign.pk}/leidraad/"
    response = client.post(url, {"questions": "Vraag een\nVraag twee\n"})
    assert response.status_code == 302
    assert selectors.current_guide(campaign).number == 2
