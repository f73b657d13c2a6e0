from functools import lru_cache
from html import escape as _escape

from django import forms, template
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.filter
def bootstrap(field):
    """Render a bound field's widget with Bootstrap classes and error state."""
    widget = field.field.widget
    if isinstance(widget, (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    if isinstance(widget, forms.RadioSelect):
        return field.as_widget()
    return field.as_widget(attrs={"class": css})


@register.filter
def percent_bar(value):
    """Clamp a percentage to 0..100 for a progress bar width."""
    if value is None:
        return 0
    return max(0, min(100, int(value)))


@register.simple_tag(takes_context=True)
def page_query(context, page, number):
    """The current query string pointing the page's own parameter at another page number."""
    params = context["request"].GET.copy()
    params[getattr(page, "param", "page")] = number
    return params.urlencode()


_KEY = 987654321  # a stand-in key, replaced by the row's own


@lru_cache(maxsize=512)
def _url_around_key(script_prefix: str, viewname: str, args: tuple) -> tuple[str, str]:
    url = reverse(viewname, args=[*args, _KEY])
    head, _, tail = url.rpartition(str(_KEY))
    return head, tail


@register.simple_tag
def row_url(viewname: str, *args):
    """`{% url %}` for the rows of a long list: reverses once per page kind, not once per row.

    The last argument must be the row's integer key; the others (e.g. the network) stay the same.
    """
    head, tail = _url_around_key(get_script_prefix(), viewname, tuple(str(a) for a in args[:-1]))
    return f"{head}{int(args[-1])}{tail}"


@register.filter
def short_date(value):
    """A date as 31-12-2027: the Dutch numeric form, without the cost of the `date` filter in long lists."""
    return f"{value.day}-{value.month}-{value.year}" if value else ""


@register.simple_tag
def ambition_items(ambitions):
    """The `<li>` lines of a partner's ambitions, built in Python: long overview pages show
    thousands of these values and the template engine costs several times more per value."""
    of, before = gettext("van"), gettext("vóór")
    return format_html_join(
        "",
        "<li>{}: <strong>{}</strong> {} {} ({}%), {} {}</li>",
        ((a.kind_label, a.realised, of, a.target, a.percentage, before, short_date(a.target_date)) for a in ambitions),
    )


# The praktijktafel page lists every table of every round: its lines are built here with the standard
# library's escape and marked safe once, because format_html per line costs more than the rest of the page.


def _person(person) -> str:
    organisation = f" ({person.organisation})" if person.organisation else ""
    return _escape(f"{person.name}{organisation}")


@register.simple_tag
def people_items(hosts, guests):
    """The `<li>` lines of the people at a table, hosts in bold."""
    lines = [f"<li><strong>{_person(h)}</strong></li>" for h in hosts]
    lines += [f"<li>{_person(g)}</li>" for g in guests]
    return mark_safe("".join(lines))


@register.simple_tag
def round_cards(tables):
    """The cards of one round: a title and the people at each table."""
    return mark_safe(
        "".join(
            '<div class="col-md-6 col-lg-4"><div class="card h-100"><div class="card-body">'
            f'<h4 class="h6">{_escape(cell["title"])}</h4><ul class="list-unstyled small mb-0">'
            f"{people_items(cell['hosts'], cell['guests'])}</ul></div></div></div>"
            for cell in tables
        )
    )


@register.simple_tag
def move_options(tables):
    """The guests of one round grouped per table, for the move form's <select>."""
    return mark_safe(
        "".join(
            f'<optgroup label="{_escape(cell["short"])}">{guest_options(cell["guests"])}</optgroup>' for cell in tables
        )
    )


@register.simple_tag
def table_options(tables):
    return mark_safe(
        "".join(f'<option value="{cell["table"].pk}">{_escape(cell["short"])}</option>' for cell in tables)
    )


@register.simple_tag
def guest_items(guests):
    """The `<li>` lines of a praktijktafel's rotating participants."""
    pinned = gettext("vast aan tafel")
    lines = [
        f'<li class="list-group-item">{_person(g)}'
        + (f" · {_escape(pinned)} {g.pinned_table.number}" if g.pinned_table_id else "")
        + "</li>"
        for g in guests
    ]
    if not lines:
        return format_html('<li class="list-group-item">{}</li>', gettext("Nog geen deelnemers."))
    return mark_safe("".join(lines))


@register.simple_tag
def guest_options(guests):
    return mark_safe("".join(f'<option value="{g.pk}">{_escape(g.name)}</option>' for g in guests))
