"""Opportunities and matches for tests, made through the services so the task shares and figures stay right."""

from spil.matching.models import Opportunity
from spil.matching.opportunity_services import opportunity_save


def make_opportunity(cast, organisation=None, *, title="Afwasser", shares=(("Afwassen", 60), ("Koken", 40)), **extra):
    fields = {"kind": "vacancy", "hours_per_week": 24, "postcode": "3811 AB", **extra}
    opportunity = Opportunity(network=cast.network, organisation=organisation or cast.org_a, title=title, **fields)
    return opportunity_save(opportunity=opportunity, shares=list(shares))


def make_learning_job(cast, *, title="Leerbaan kok", shares=(("Koken", 100),), **extra):
    extra.setdefault("learning_route", "BBL entree")
    extra.setdefault("school", "ROC Midden Nederland")
    return make_opportunity(cast, cast.org_b, title=title, shares=shares, kind="learning_job_bbl", **extra)


def add_matching_rows(cast, n: int) -> None:
    """Rows on every matching page: opportunities, learning jobs, consented candidates, proposed matches, and
    roles with tasks to carve from. The first of each belongs to partner A (and to the cast's WSP)."""
    from spil.matching.match_services import match_propose
    from spil.matching.models import Match
    from spil.matching.opportunity_services import job_role_create
    from spil.partners.models import Organisation
    from tests.matching.candidate_factories import make_candidate

    first = make_opportunity(cast, title="Eerste kans")
    candidate = make_candidate(cast, first_name="Eerste", tasks=["Afwassen"])
    match_propose(candidate=candidate, opportunity=first, user=cast.wsp_advisor)
    role = job_role_create(
        network=cast.network, organisation=cast.org_a, name="Kok", people=3, hours_per_week=36, tasks=[("Koken", 50, 2)]
    )
    for i in range(n):
        employer = Organisation.objects.filter(name=f"Werkgever {i:03d}").first() or cast.org_b
        opportunity = make_opportunity(cast, employer, title=f"Kans {i}", shares=[("Afwassen", 50), (f"Taak {i}", 50)])
        make_learning_job(cast, title=f"Leerbaan {i}", shares=[(f"Taak {i}", 100)])
        other = make_candidate(cast, first_name=f"Kandidaat{i}", tasks=["Afwassen", f"Taak {i}"])
        match_propose(candidate=other, opportunity=first, user=cast.wsp_advisor)
        match = match_propose(candidate=other, opportunity=opportunity, user=cast.wsp_advisor)
        Match.objects.filter(pk=match.pk).update(stage="trial")
        role.role_tasks.create(task=opportunity.tasks.get(name=f"Taak {i}"), share=1, complexity=1 + i % 3)
