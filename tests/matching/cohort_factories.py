"""Cohort assignments for tests: started through the service and run at once (no worker in unit tests)."""

from spil.matching.cohort_services import clean_criteria, cohort_run, cohort_start


def make_cohort(cast, *, name="Cohort voorjaar", user=None, organisation=None, **criteria):
    cohort = cohort_start(
        network=cast.network,
        organisation=organisation or cast.wsp,
        user=user or cast.wsp_advisor,
        name=name,
        criteria=clean_criteria(criteria),
    )
    return cohort_run(cohort_id=cohort.pk)


def add_cohort_rows(cast, n: int) -> None:
    """A cohort of every consented WSP candidate (matched or not), so its page has about n pairs."""
    make_cohort(cast, user=cast.coordinator)
