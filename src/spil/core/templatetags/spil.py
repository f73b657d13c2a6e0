from django import forms, template

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
