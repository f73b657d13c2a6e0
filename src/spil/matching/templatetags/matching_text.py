"""Template filters of the matching pages."""

from html import escape

from django import template
from django.utils.formats import number_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.filter(is_safe=True)
def join_escaped(values, separator: str):
    """`join` with the whole string escaped once: the same HTML as the built-in filter under autoescape (the
    separator has nothing to escape), without an escape per item. An explanation names hundreds of places."""
    return mark_safe(conditional_escape(separator.join(str(value) for value in values)))


def _number(value) -> str:
    """A number as the template would show it: localised (a decimal comma in Dutch) when it has a fraction."""
    return number_format(value) if isinstance(value, float) and not value.is_integer() else str(round(value))


@register.simple_tag
def explanation_html(explanation):
    """A match's plain Dutch explanation (see explain.py for its shape) as HTML, built in Python with one escape
    per text: a ranked list or a cohort shows dozens of them, and the template version cost more than the rest
    of the page. The markup is that of matching/match_explanation.html before it moved here."""
    e = escape
    fit = explanation.get("tasks_fit") or []
    missing = explanation.get("tasks_missing") or []
    html = [f'<div class="match-explanation"><p class="mb-1"><strong>{e(explanation.get("summary", ""))}</strong></p>']
    if fit:
        tasks = ", ".join(f"{e(t['task'])} ({_number(t['share'])}%)" for t in fit)
        html.append(f'<p class="mb-1">{e(gettext("Taken die passen:"))} {tasks}</p>')
    if missing:
        learn = e(gettext("wil de kandidaat leren"))
        tasks = ", ".join(
            f"{e(t['task'])} ({_number(t['share'])}%)" + (f" – {learn}" if t.get("wants_to_learn") else "")
            for t in missing
        )
        html.append(f'<p class="mb-1">{e(gettext("Taken die ontbreken:"))} {tasks}</p><ul class="mb-1">')
        for t in missing:
            if t.get("taught_by"):
                where = e(gettext("%(task)s leren bij:") % {"task": t["task"]})
                html.append(f"<li>{where} {e('; '.join(t['taught_by']))}</li>")
            else:
                none = gettext("Voor %(task)s is in het netwerk geen leerbaan of opleiding bekend.") % {
                    "task": t["task"]
                }
                html.append(f"<li>{e(none)}</li>")
        html.append("</ul>")
    html.append(f'<details><summary>{e(gettext("Hoe de score is opgebouwd"))}</summary><ul class="mb-0">')
    html += [
        f"<li>{e(p['label'])}: {_number(p['points'])} / {_number(p['max'])} – {e(p['text'])}</li>"
        for p in explanation.get("parts") or []
    ]
    html += [f"<li>{e(f['reason'])}</li>" for f in explanation.get("failures") or []]
    html.append("</ul></details></div>")
    return mark_safe("".join(html))
