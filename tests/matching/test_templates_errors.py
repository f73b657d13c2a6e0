"""Bad import files: a clear Dutch message per row and column, and nothing of the file is used."""

import pytest

from spil.matching import templates

from .test_templates_parse import CANDIDATE_HEADER, TODAY, candidate_csv, candidate_line


def errors(content: bytes, name: str = "k.csv", kind: str = "candidates") -> list[templates.RowError]:
    with pytest.raises(templates.TemplateError) as caught:
        templates.parse(kind, name, content, today=TODAY)
    return caught.value.errors


def test_one_bad_row_refuses_the_whole_file():
    found = errors(candidate_csv(candidate_line("K-1"), candidate_line("K-2", postcode="35111"), candidate_line("K-3")))
    assert [(e.row, e.column) for e in found] == [(3, "postcode")]
    assert str(found[0]).startswith("Rij 3, kolom 'postcode': Vul een Nederlandse postcode in")


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"postcode": "1234 SA"}, "postcode", "komt in Nederlandse postcodes niet voor"),
        ({"postcode": "0123 AB"}, "postcode", "Vul een Nederlandse postcode in"),
        ({"birth": "31-02-2000"}, "geboortedatum", "'31-02-2000' is geen bestaande datum."),
        ({"birth": "2000-13-01"}, "geboortedatum", "'2000-13-01' is geen bestaande datum."),
        ({"birth": "15-03-2030"}, "geboortedatum", "kan geen geboortedatum zijn"),
        ({"birth": "15-03-1898"}, "geboortedatum", "kan geen geboortedatum zijn"),
        ({"birth": "maart 1998"}, "geboortedatum", "is geen datum; schrijf dd-mm-jjjj of jjjj-mm-dd"),
        ({"hours": "veel"}, "uren per week", "'veel' is geen heel getal."),
        ({"hours": "61"}, "uren per week", "kies een getal van 1 tot en met 60."),
        ({"tasks": ""}, "taken", "vul een waarde in."),
    ],
)
def test_bad_value_is_named_by_row_and_column(changes, column, message):
    [error] = errors(candidate_csv(candidate_line(**changes)))
    assert (error.row, error.column) == (2, column)
    assert message in error.message


def test_unknown_choice_lists_the_allowed_values():
    header = CANDIDATE_HEADER + ",doelgroepen"
    [error] = errors(candidate_csv(candidate_line() + ",WW; jong", header=header))
    assert error.column == "doelgroepen"
    assert "'jong' is geen keuze; kies uit: Banenafspraak / doelgroepregister; Wajong" in error.message


def test_unknown_and_missing_columns_are_refused_before_any_row():
    header = CANDIDATE_HEADER.replace("postcode", "postcod")
    found = errors(candidate_csv(candidate_line(), header=header))
    assert {(e.row, e.column) for e in found} == {(None, "postcod"), (None, "postcode")}
    assert any("onbekende kolom" in e.message for e in found)
    assert any("deze verplichte kolom ontbreekt" in e.message for e in found)


def test_duplicate_reference_is_refused():
    [error] = errors(candidate_csv(candidate_line("K-1"), candidate_line("K-1")))
    assert (error.row, error.column) == (3, "kenmerk") and "staat ook in rij 2" in error.message


def test_bad_opportunity_shares_are_refused():
    header = "werkgever,titel,soort,taken,uren per week,postcode"
    for tasks, message in [
        ("kassa:70; vakkenvullen:40", "tellen op tot 110%"),
        ("kassa:0", "heel getal van 1 tot en met 100"),
    ]:
        [error] = errors(f'{header}\nBakkerij,Winkel,Vacature,"{tasks}",24,3512 JE'.encode(), "v.csv", "opportunities")
        assert error.column == "taken" and message in error.message
    [error] = errors(f"{header}\nBakkerij,Winkel,Baan,kassa,24,3512 JE".encode(), "v.csv", "opportunities")
    assert error.column == "soort" and "'Baan' is geen keuze" in error.message


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("k.txt", b"x", "Kies een CSV- of XLSX-bestand."),
        ("k.csv", b"", "Het bestand is leeg."),
        ("k.csv", "é".encode("latin-1"), "Het CSV-bestand is geen UTF-8-tekst."),
        ("k.xlsx", b"not a zip", "Spil kan dit bestand niet lezen."),
    ],
)
def test_unreadable_files_get_one_clear_message(name, content, message):
    [error] = errors(content, name)
    assert str(error) == message
