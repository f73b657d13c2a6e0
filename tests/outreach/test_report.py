"""Progress per campaign and per region against the goal, on screen and in the XLSX download."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from spil.core.xlsx import xlsx
from spil.outreach import services
from spil.outreach.models import Appointment
from spil.outreach.reports import campaign_rows, region_rows, report_campaigns, report_rows
from spil.partners.models import Organisation
from tests.outreach.factories import log_conversation, make_campaign, make_tour

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(cast):
    campaign = make_campaign(cast, goal=4)
    enschede = Organisation.objects.create(name="Textiel Twente", postcode="7511 AA")
    unknown = Organisation.objects.create(name="Zonder Postcode")
    services.targets_add(campaign=campaign, organisations=[cast.org_a, cast.org_b, enschede, unknown])
    action = services.ActionInput("Bellen", cast.wsp_advisor.pk, date(2026, 1, 1))
    log_conversation(
        campaign,
        cast.org_a,
        cast.wsp_advisor,
        date(2026, 3, 1),
        consent=True,
        vacancies=2,
        referral_to=cast.wsp,
        action=action,
    )
    log_conversation(campaign, enschede, cast.wsp_advisor, date(2026, 3, 2), vacancies=5, action=action)
    services.action_set_done(action=campaign.conversations.get(organisation=enschede).actions.get(), done=True)
    _tour, stop = make_tour(cast, campaign)
    Appointment.objects.create(stop=stop, organisation=cast.org_b, at=stop.starts_at)
    return campaign


def test_figures_per_campaign_against_the_goal(cast, figures):
    [row] = campaign_rows(report_campaigns(cast.coordinator.memberships.get()))
    assert (row.targets, row.approached, row.spoken, row.referrals, row.vacancies) == (4, 3, 2, 1, 7)
    assert (row.actions_done, row.actions, row.goal, row.percentage) == (1, 2, 4, 50)


def test_figures_per_region_from_the_postcode(cast, figures):
    rows = {row.label: row for row in region_rows(report_campaigns(cast.coordinator.memberships.get()))}
    assert set(rows) == {"Amersfoort", "Twente", "onbekend"}
    assert (rows["Amersfoort"].targets, rows["Amersfoort"].spoken, rows["Amersfoort"].referrals) == (2, 1, 1)
    assert (rows["Twente"].spoken, rows["Twente"].vacancies, rows["Twente"].actions_done) == (1, 5, 1)
    assert rows["onbekend"].targets == 1 and rows["onbekend"].spoken == 0


def test_report_runs_a_fixed_number_of_queries(cast, figures, django_assert_max_num_queries):
    campaigns = report_campaigns(cast.coordinator.memberships.get())
    # The campaigns, the postcode areas and five grouped counts, however many conversations there are.
    with django_assert_max_num_queries(7):
        report_rows(campaigns)


def _download(client, cast, user):
    client.force_login(user)
    response = client.get(f"/n/{cast.network.slug}/gesprekken/rapportage.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def test_xlsx_holds_the_figures_per_campaign_and_region(cast, client, figures):
    book = _download(client, cast, cast.steering)
    campaigns = list(book["Per gespreksronde"].iter_rows(values_only=True))
    assert campaigns[0][:5] == ("Gespreksronde", "Van", "Tot en met", "Doel", "Doellijst")
    assert campaigns[1][0] == "Blik op de Toekomst"
    assert campaigns[1][3:] == (4, 4, 3, 2, 1, 7, 1, 2, 50)
    regions = {row[0]: row[1:] for row in book["Per regio"].iter_rows(min_row=2, values_only=True)}
    assert regions["Twente"] == (1, 1, 1, 0, 5, 1, 1)


def test_public_partners_do_not_see_names_without_consent(cast, client, figures):
    names = [
        row[2] for row in _download(client, cast, cast.wsp_advisor)["Gesprekken"].iter_rows(min_row=2, values_only=True)
    ]
    assert sorted(names) == ["(naam niet gedeeld)", "Bakkerij Aalbers"]
    names = [row[2] for row in _download(client, cast, cast.chair)["Gesprekken"].iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["Bakkerij Aalbers", "Textiel Twente"]


def test_the_report_page_shows_progress(cast, client, figures):
    client.force_login(cast.steering)
    body = client.get(f"/n/{cast.network.slug}/gesprekken/rapportage/").content.decode()
    assert "Blik op de Toekomst" in body and "50%" in body and "Twente" in body


def test_the_xlsx_writer_keeps_text_numbers_and_dates():
    rows = [["Werkgever", "Datum", "Aantal"], ["<b>Kaas & Co</b>\x01", date(2026, 3, 1), 5], [None, None, 2.5]]
    book = load_workbook(io.BytesIO(xlsx([("Per regio: [alles]", rows)])))
    assert book.sheetnames == ["Per regio alles"]
    values = list(book.active.iter_rows(values_only=True))
    assert values[1][0] == "<b>Kaas & Co</b>\ufffd"
    assert values[1][1].date() == date(2026, 3, 1) and values[1][2] == 5
    assert values[2] == (None, None, 2.5)
