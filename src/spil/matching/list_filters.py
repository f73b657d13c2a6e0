"""The filters of the matching lists, read from the query string in one place: a list page and its export
apply the same filters, so a download holds what the page shows (all pages of it)."""

from .candidate_forms import SearchForm
from .models import OpportunityKind, Stage


def _search(params) -> str:
    """The search text, or "" if it is not one (too long, or with characters a database refuses)."""
    form = SearchForm(params or None)
    return form.cleaned_data["q"] if form.is_valid() else ""


def candidate_filters(params) -> dict:
    return {"q": _search(params)}


def opportunity_filters(params) -> dict:
    kind = params.get("soort", "")
    return {
        "kind": kind if kind in OpportunityKind.values else "",
        "status": params.get("status", "open"),
        "q": _search(params),
    }


def match_filters(params) -> dict:
    stage = params.get("fase", "")
    return {"stage": stage if stage in Stage.values else ""}
