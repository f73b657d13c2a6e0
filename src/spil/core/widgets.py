"""A <select> for long lists of organisations, rendered in Python.

Django renders every <option> through a template (about 0.1 ms each) and builds a model instance per
row; a campaign's target list or a network's employers run to thousands, which made the form pages
ten times slower than an empty page. These classes keep the same HTML, names and validation.
"""

import re
from html import escape

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe

from spil.core.forms import ModelChoicesField

# Characters that need escaping in text or a quoted attribute; most names have none.
_SPECIAL = re.compile(r"[&<>\"']")


def _escaped(value) -> str:
    text = str(value)
    return escape(text) if _SPECIAL.search(text) else text


class QuickSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        chosen = {_escaped(v) for v in self.format_value(value)}
        parts = [f"<select{flatatt(final_attrs)}>"]
        for option_value, label in self.choices:
            key = str(option_value) if type(option_value) is int else _escaped(option_value or "")
            selected = " selected" if key in chosen else ""
            parts.append(f'<option value="{key}"{selected}>{_escaped(label)}</option>')
        parts.append("</select>")
        # Safe: the attributes went through flatatt, every key and label through _escaped.
        return mark_safe("\n".join(parts))


class QuickSelectMultiple(QuickSelect, forms.SelectMultiple):
    pass


class _ValuesIterator(ModelChoiceIterator):
    """(pk, label) straight from the database, without building a model instance per row."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list(self.field.to_field_name or "pk", self.field.label_field)


class QuickModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField whose options are one column of the queryset (the organisation's name)."""

    widget = QuickSelect
    iterator = _ValuesIterator

    def __init__(self, *args, label_field: str = "name", **kwargs):
        self.label_field = label_field
        super().__init__(*args, **kwargs)


class QuickModelMultipleChoiceField(ModelChoicesField):
    widget = QuickSelectMultiple
    iterator = _ValuesIterator

    def __init__(self, *args, label_field: str = "name", **kwargs):
        self.label_field = label_field
        super().__init__(*args, **kwargs)
