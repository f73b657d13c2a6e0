"""An htmx click that fails says so: a server error shows a message, an expired session goes to the login page."""

import re
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from tests.activities.factories import make_activity, register


def _attendance_on_the_day(cast):
    activity = make_activity(cast.network, title="Netwerkontbijt")
    register(activity, 1)
    start = timezone.now() - timedelta(minutes=30)
    type(activity).objects.filter(pk=activity.pk).update(starts_at=start, ends_at=start + timedelta(hours=2))
    return f"/n/{cast.network.slug}/activiteiten/{activity.pk}/aanwezigheid/"


def test_a_failed_check_in_shows_a_message_and_an_expired_session_goes_to_the_login_page(
    new_page, cast, login, axe_check
):
    url = _attendance_on_the_day(cast)
    page = new_page()
    login(page, cast.backoffice)
    page.goto(url)
    row = page.get_by_role("listitem").filter(has_text="Deelnemer 0")
    # The server fails: the page says so instead of doing nothing.
    page.route(re.compile(r".*/aanwezigheid/$"), lambda route: route.fulfill(status=500, body="kapot"))
    row.get_by_role("button", name=re.compile("^Aanwezig")).click()
    expect(page.get_by_role("alert")).to_have_text("Dat lukte niet. Herlaad de pagina en probeer het opnieuw.")
    axe_check(page)
    page.unroute(re.compile(r".*/aanwezigheid/$"))
    # The session ended (logged out elsewhere): the whole page goes to the login page, and back afterwards.
    page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    row.get_by_role("button", name=re.compile("^Aanwezig")).click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=" + re.escape(url)))
