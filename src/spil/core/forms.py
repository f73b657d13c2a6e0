from django import forms


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
