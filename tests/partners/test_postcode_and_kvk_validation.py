import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from spil.partners.validators import normalise_postcode, validate_kvk

LETTERS = "ABCEFGHJKLMNPRTUVWXYZ"


@given(
    digits=st.integers(min_value=1000, max_value=9999),
    letters=st.text(alphabet=LETTERS, min_size=2, max_size=2),
    space=st.sampled_from(["", " "]),
    lower=st.booleans(),
)
def test_every_valid_dutch_postcode_is_normalised(digits, letters, space, lower):
    raw = f"{digits}{space}{letters.lower() if lower else letters}"
    assert normalise_postcode(raw) == f"{digits} {letters}"


@given(st.text(max_size=12))
def test_anything_else_is_refused_with_a_validation_error_only(value):
    try:
        result = normalise_postcode(value)
    except ValidationError:
        return
    assert len(result) == 7 and result[4] == " "


@pytest.mark.parametrize("value", ["0123 AB", "1234 SA", "1234 SS", "1234 SD", "B-1000", "12345", "1234 A"])
def test_foreign_and_impossible_postcodes_are_refused(value):
    with pytest.raises(ValidationError):
        normalise_postcode(value)


@pytest.mark.parametrize("value", ["1234567", "123456789", "1234567a", ""])
def test_kvk_number_has_exactly_eight_digits(value):
    with pytest.raises(ValidationError):
        validate_kvk(value)
