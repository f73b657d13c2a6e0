"""The htmx poll behind a background run's progress bar (imports, cohort assignments, exports)."""

from django.template.response import TemplateResponse


def progress_fragment(request, template: str, context: dict, run) -> TemplateResponse:
    """The bar's partial of the run's page; once the run has finished the page reloads whole, because its
    result (what was created, the errors, the download) is the rest of that page."""
    response = TemplateResponse(request, template, context)
    if run.finished:
        response["HX-Refresh"] = "true"
    return response
