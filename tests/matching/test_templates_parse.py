"""Valid import files in CSV and XLSX, the downloadable templates, and the rows the engine gets from them."""

import datetime
import io

import pytest
from openpyxl import Workbook, load_workbook

from spil.matching import templates

CANDIDATE_HEADER = "kenmerk,voornaam,achternaam,postcode,gemeente,geboortedatum,opleiding,taken,uren per week"
OPPORTUNITY_HEADER = "kenmerk,werkgever,titel,soort,taken,uren per week,postcode"
TODAY = datetime.date(2026, 6, 1)


def candidate_line(ref="K-1", postcode="3511 AB", birth="15-03-1998", tasks="kassa; vakkenvullen", hours="24"):
    return f"{ref},Sam,Jansen,{postcode},Utrecht,{birth},vmbo,{tasks},{hours}"


def candidate_csv(*lines: str, header: str = CANDIDATE_HEADER) -> bytes:
    return "\n".join([header, *lines]).encode()


def xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_minimal_candidate_file_parses_with_defaults():
    [row] = templates.parse("candidates", "k.csv", candidate_csv(candidate_line()), today=TODAY)
    assert row["row"] == 2 and row["ref"] == "K-1"
    assert row["postcode"] == "3511 AB"
    assert row["birth_date"] == datetime.date(1998, 3, 15)
    assert row["education"] == "vmbo"
    assert row["tasks"] == ["kassa", "vakkenvullen"]
    assert row["hours_per_week"] == 24 and row["max_travel_km"] == 15 and row["work_fit"] == "with_support"
    assert row["target_groups"] == [] and row["learn_tasks"] == []


def test_headers_in_any_case_and_order_semicolons_and_a_bom_are_fine():
    header = "Taken;Uren per week;POSTCODE;kenmerk;voornaam;achternaam;gemeente;geboortedatum;opleiding;doelgroepen"
    line = '"kassa; vakkenvullen";24;3511ab;K-1;Sam;Jansen;Utrecht;1998-03-15;Mbo-2;"banenafspraak; Wajong"'
    [row] = templates.parse("candidates", "k.CSV", ("\ufeff" + header + "\n" + line).encode(), today=TODAY)
    assert row["postcode"] == "3511 AB" and row["education"] == "mbo2"
    assert row["target_groups"] == ["job_agreement", "wajong"]
    assert row["birth_date"] == datetime.date(1998, 3, 15)


def test_xlsx_with_date_cells_parses():
    rows = [
        CANDIDATE_HEADER.split(","),
        ["K-1", "Sam", "Jansen", "3511 AB", "Utrecht", datetime.date(1998, 3, 15), "vmbo", "kassa", 24],
    ]
    [row] = templates.parse("candidates", "k.xlsx", xlsx(rows), today=TODAY)
    assert row["birth_date"] == datetime.date(1998, 3, 15) and row["hours_per_week"] == 24


def test_opportunity_tasks_carry_their_share_and_split_the_rest():
    content = "\n".join(
        [
            OPPORTUNITY_HEADER + ",soort",
            'V-1,Bakkerij,Winkel,Vacature,"kassa:40; vakkenvullen; spiegelen",24,3512 JE,',
        ]
    ).encode()
    with pytest.raises(templates.TemplateError):  # 'soort' twice
        templates.parse("opportunities", "v.csv", content)
    content = "\n".join(
        [OPPORTUNITY_HEADER, 'V-1,Bakkerij,Winkel,leerbaan bbl,"kassa:40; vakkenvullen; spiegelen",24,3512 JE']
    ).encode()
    [row] = templates.parse("opportunities", "v.csv", content)
    assert row["kind"] == "learning_job_bbl"
    assert row["tasks"] == [("kassa", 40), ("vakkenvullen", 30), ("spiegelen", 30)]
    assert row["places"] == 1


@pytest.mark.parametrize("kind", templates.KINDS)
@pytest.mark.parametrize("fmt", templates.FORMATS)
def test_downloadable_template_parses_to_its_example_row(kind, fmt):
    content = templates.write_template(kind, fmt)
    [row] = templates.parse(kind, f"template.{fmt}", content, today=TODAY)
    assert row["ref"] in {"K-001", "V-001"}
    assert row["postcode"]


def test_xlsx_template_explains_every_column():
    book = load_workbook(io.BytesIO(templates.write_template("candidates", "xlsx")))
    assert book.sheetnames == ["Kandidaten", "Toelichting"]
    notes = [row[0] for row in book["Toelichting"].iter_rows(values_only=True) if row]
    assert [c.header for c in templates.CANDIDATE_COLUMNS] == notes[1 : len(templates.CANDIDATE_COLUMNS) + 1]
    assert any("BSN" in (n or "") for n in notes)


def test_parsed_rows_become_engine_rows_with_task_keys_and_coordinates():
    candidates = templates.parse(
        "candidates", "k.csv", candidate_csv(candidate_line(tasks="Kassa;  Vakken vullen")), today=TODAY
    )
    row = templates.candidate_row(candidates[0])
    assert row.tasks == frozenset({"kassa", "vakken vullen"})
    assert (row.lat, row.lon) == pytest.approx((52.091, 5.122))
    assert templates.task_names(candidates) == {"kassa": "Kassa", "vakken vullen": "Vakken vullen"}
    content = "\n".join([OPPORTUNITY_HEADER, "V-1,Bakkerij,Winkel,Stage,KASSA:60,24,3512 JE"]).encode()
    opportunity = templates.opportunity_row(templates.parse("opportunities", "v.csv", content)[0])
    assert opportunity.tasks == {"kassa": 60} and opportunity.kind == "internship"
