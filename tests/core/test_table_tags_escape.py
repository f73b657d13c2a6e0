"""The praktijktafel lines are built in Python for speed; every name must still be escaped."""

from types import SimpleNamespace

from spil.core.templatetags.spil import guest_items, guest_options, move_options, people_items, round_cards


def person(pk, name, organisation=""):
    return SimpleNamespace(pk=pk, name=name, organisation=organisation, pinned_table_id=None, pinned_table=None)


def test_names_and_organisations_are_escaped_in_every_line():
    evil = person(1, "<script>alert(1)</script>", 'Bakkerij "&" Co')
    cell = {"title": "Tafel <1>", "short": "tafel <1>", "hosts": [evil], "guests": [evil], "table": evil}
    html = "".join(
        str(part)
        for part in (
            people_items([evil], [evil]),
            round_cards([cell]),
            move_options([cell]),
            guest_items([evil]),
            guest_options([evil]),
        )
    )
    assert "<script>" not in html and "Tafel <1>" not in html
    assert "&lt;script&gt;" in html and "Bakkerij &quot;&amp;&quot; Co" in html
