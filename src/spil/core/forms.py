from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.utils.translation import gettext_lazy as _

# Dates outside these years are typing mistakes; year 1 would even break the conversion to UTC.
FIRST_YEAR, LAST_YEAR = 1900, 2100


def validate_year(value) -> None:
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Kies een datum tussen %(first)s en %(last)s."),
            code="year",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


_PICKER_BOUNDS = {
    "DateInput": (f"{FIRST_YEAR}-01-01", f"{LAST_YEAR}-12-31"),
    "DateTimeInput": (f"{FIRST_YEAR}-01-01T00:00", f"{LAST_YEAR}-12-31T23:59"),
}


class SensibleDates:
    """Form mixin: every date and date-time field accepts only years FIRST_YEAR … LAST_YEAR, with a message on
    the field (and the date pickers offer no others)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField | forms.DateTimeField):
                field.validators.append(validate_year)
                bounds = _PICKER_BOUNDS.get(type(field.widget).__name__)
                if bounds:
                    field.widget.attrs.setdefault("min", bounds[0])
                    field.widget.attrs.setdefault("max", bounds[1])


def as_key(value) -> int | None:
    """A key (a primary key, a year, a page) given as text in a query or a form, or None if it is not
    one: only the digits 0–9 (str.isdigit() also takes "²", which int() refuses), and at most 18 of them
    (beyond 64 bits the database driver fails instead of finding nothing)."""
    text = str(value if value is not None else "").strip()
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)
    return None


class ModelChoicesField(forms.ModelMultipleChoiceField):
    """Django's ModelMultipleChoiceField that refuses a number beyond the database's range for the key
    with its usual "not one of the choices" message. Django's own check queries with every value, and
    SQLite cannot take an integer beyond 64 bits (an OverflowError, so a server error)."""

    def _check_values(self, value):
        meta = self.queryset.model._meta
        key = meta.get_field(self.to_field_name) if self.to_field_name else meta.pk
        if isinstance(key, models.IntegerField) and isinstance(value, list | tuple):
            low, high = connections[self.queryset.db].ops.integer_field_range(key.get_internal_type())
            for item in value:
                try:
                    number = int(str(item).strip())
                except ValueError:
                    continue  # Django's check gives its message for what is not a number
                if (low is not None and number < low) or (high is not None and number > high):
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                    )
        return super()._check_values(value)


class DateInput(forms.DateInput):
    """An HTML date picker that round-trips ISO dates."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def offer_organisations(form, organisations) -> None:
    """The form's `organisation` field for someone who acts on behalf of one of `organisations` (the
    coordinator), required then; without them (an advisor acts for the own organisation) the field is removed."""
    if organisations is None:
        del form.fields["organisation"]
    else:
        form.fields["organisation"].queryset = organisations
        form.fields["organisation"].required = True


def add_service_errors(form, error) -> None:
    """Show a service's ValidationError on the form, per field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def error_summary(form) -> str:
    """A form's errors in one line for a flash message, each named by its field ("Titel: ...")."""
    parts = []
    for field, errors in form.errors.items():
        text = " ".join(errors)
        label = form.fields[field].label if field in form.fields else None
        parts.append(f"{label}: {text}" if label else text)
    return "; ".join(parts)


class DateTimeInput(forms.DateTimeInput):
    """An HTML date-and-time picker (local time) that round-trips its own format."""

    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)
