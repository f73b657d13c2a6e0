import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

POSTCODE_RE = re.compile(r"^([1-9][0-9]{3})\s?([A-Za-z]{2})$")
KVK_RE = re.compile(r"^[0-9]{8}$")


def normalise_postcode(value: str) -> str:
    """Return a Dutch postcode as '1234 AB', or raise ValidationError."""
    match = POSTCODE_RE.match((value or "").strip())
    if not match:
        raise ValidationError(
            _("Vul een Nederlandse postcode in: vier cijfers en twee letters, bijvoorbeeld 3811 AB."),
            code="postcode",
        )
    digits, letters = match.group(1), match.group(2).upper()
    if letters in {"SA", "SD", "SS"}:
        raise ValidationError(_("Deze lettercombinatie komt in Nederlandse postcodes niet voor."))
    return f"{digits} {letters}"


def validate_postcode(value: str) -> None:
    normalise_postcode(value)


def validate_kvk(value: str) -> None:
    if not KVK_RE.match(value or ""):
        raise ValidationError(_("Een KvK-nummer bestaat uit precies 8 cijfers."), code="kvk")
