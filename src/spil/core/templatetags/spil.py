from functools import lru_cache

from django import forms, template
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html, format_html_join
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


@register.simple_tag
def people_items(hosts, guests):
    """The `<li>` lines of the people at a table (hosts in bold), built in Python: a praktijktafel
    page shows every table of every round and the template engine costs much more per line."""
    host_lines = format_html_join(
        "",
        "<li><strong>{}</strong>{}</li>",
        ((h.name, f" ({h.organisation})" if h.organisation else "") for h in hosts),
    )
    guest_lines = format_html_join(
        "", "<li>{}{}</li>", ((g.name, f" ({g.organisation})" if g.organisation else "") for g in guests)
    )
    return host_lines + guest_lines


@register.simple_tag
def guest_items(guests):
    """The `<li>` lines of a praktijktafel's rotating participants (see people_items)."""
    pinned = gettext("vast aan tafel")
    lines = format_html_join(
        "",
        '<li class="list-group-item">{}{}{}</li>',
        (
            (
                g.name,
                f" ({g.organisation})" if g.organisation else "",
                f" · {pinned} {g.pinned_table.number}" if g.pinned_table_id else "",
            )
            for g in guests
        ),
    )
    return lines or format_html('<li class="list-group-item">{}</li>', gettext("Nog geen deelnemers."))


@register.simple_tag
def guest_options(guests):
    return format_html_join("", '<option value="{}">{}</option>', ((g.pk, g.name) for g in guests))
