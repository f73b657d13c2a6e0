"""No BSN (UAVG art. 46): a column whose values look like citizen service numbers refuses the whole file."""

import io

import pytest
from openpyxl import Workbook

from spil.matching import templates

from .test_templates_parse import CANDIDATE_HEADER, candidate_csv, candidate_line


@pytest.mark.parametrize("value", ["111222333", "123456782", "123.456.782", "123 456 782", 123456782])
def test_nine_digits_passing_the_eleven_test_are_a_bsn(value):
    assert templates.is_bsn(value)


@pytest.mark.parametrize(
    "value", ["123456789", "000000000", "12345678901", "3511 AB", "15-03-1998", "1998-03-15", "abc"]
)
def test_other_values_are_not(value):
    assert not templates.is_bsn(value)


def test_eight_digits_are_a_bsn_that_lost_its_leading_zero():
    valid = next(f"0{n:08d}" for n in range(10_000_000, 10_001_000) if templates.is_bsn(f"0{n:08d}"))
    assert templates.is_bsn(valid[1:])


def test_column_with_bsns_is_refused_by_name_whatever_its_header():
    lines = [CANDIDATE_HEADER + ",klantnummer"]
    lines += [candidate_line(ref=f"K-{n}") + f",{bsn}" for n, bsn in enumerate(["111222333", "123456782"])]
    with pytest.raises(templates.TemplateError) as caught:
        templates.parse("candidates", "k.csv", "\n".join(lines).encode())
    [error] = caught.value.errors
    assert error.column == "klantnummer"
    assert "burgerservicenummers (BSN)" in str(error) and "UAVG art. 46" in str(error)


def test_bsn_in_a_known_column_is_refused_too():
    content = candidate_csv(candidate_line(ref="111222333"))
    with pytest.raises(templates.TemplateError) as caught:
        templates.parse("candidates", "k.csv", content)
    assert [e.column for e in caught.value.errors] == ["kenmerk"]


def test_header_bsn_is_refused_even_when_empty():
    lines = [CANDIDATE_HEADER + ",BSN", candidate_line() + ","]
    with pytest.raises(templates.TemplateError) as caught:
        templates.parse("candidates", "k.csv", "\n".join(lines).encode())
    assert caught.value.errors[0].column == "BSN"


def test_column_of_other_numbers_is_not_taken_for_bsns():
    # of random nine-digit numbers about one in eleven passes: that is not a BSN column (it is then refused
    # as an unknown column, not as a BSN column)
    numbers = [f"{n}" for n in range(612345670, 612345690)]
    assert 0 < sum(templates.is_bsn(n) for n in numbers) * 2 < len(numbers)
    assert templates.bsn_columns(["telefoon"], [[n] for n in numbers]) == []


def test_bsn_as_a_number_cell_in_xlsx_is_refused():
    book = Workbook()
    sheet = book.active
    sheet.append([*CANDIDATE_HEADER.split(","), "nummer"])
    sheet.append([*candidate_line().split(","), 123456782])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(templates.TemplateError) as caught:
        templates.parse("candidates", "k.xlsx", buffer.getvalue())
    assert caught.value.errors[0].column == "nummer"
