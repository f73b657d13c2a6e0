"""The filters of the matching lists, read from the query string in one place: a list page and its export
apply the same filters, so a download holds what the page shows (all pages of it)."""

from .candidate_forms import SearchForm
from .models import OpportunityKind, Stage

SEARCH_MAX = 100


def candidate_filters(params) -> dict:
    form = SearchForm(params or None)
    return {"q": form.cleaned_data["q"] if form.is_valid() else ""}


def opportunity_filters(params) -> dict:
    kind = params.get("soort", "")
    return {
        "kind": kind if kind in OpportunityKind.values else "",
        "status": params.get("status", "open"),
        "q": params.get("q", "").strip()[:SEARCH_MAX],
    }


def match_filters(params) -> dict:
    stage = params.get("fase", "")
    return {"stage": stage if stage in Stage.values else ""}
