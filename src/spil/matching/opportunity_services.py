"""Use cases of opportunities and job carving: an employer's place described in tasks with their share of the
time, and a new role clustered from the simple tasks of existing roles (seed 004, Willy Naessens)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from spil.partners.models import Partnership

from . import geo
from .models import JobRole, Opportunity, OpportunityTask, RoleTask, Task


def _key(name: str) -> str:
    return " ".join(name.split()).lower()


def tasks_for_names(names, *, user=None) -> dict[str, Task]:
    """The shared tasks by lower-case key, adding the new ones (think in tasks: anyone may extend the list)."""
    keys = {_key(name): " ".join(name.split()) for name in names if name.strip()}
    found = {task.key: task for task in Task.objects.filter(key__in=keys)}
    for key, name in keys.items():
        if key not in found:
            # get_or_create uses a savepoint, so a colleague adding the same task at the same moment is no error.
            found[key], _created = Task.objects.get_or_create(key=key, defaults={"name": name, "created_by": user})
    return found


def _check_employer(network, organisation) -> None:
    if not Partnership.objects.filter(network=network, organisation=organisation).exists():
        raise ValidationError({"organisation": _("Deze werkgever is geen partner van het netwerk.")})


def _locate(opportunity: Opportunity) -> None:
    """Coordinates from the postcode, for the distance constraint; unknown postcodes stay empty."""
    point = geo.coordinates(opportunity.postcode)
    opportunity.latitude, opportunity.longitude = point if point else (None, None)


def opportunity_save(*, opportunity: Opportunity, shares: list[tuple[str, int]], user=None) -> Opportunity:
    """Create or edit an opportunity and replace its task shares, in one transaction."""
    if not shares:
        raise ValidationError(_("Noem minstens één taak."))
    if sum(share for _name, share in shares) > 100:
        raise ValidationError(_("Samen mogen de aandelen niet boven de honderd procent uitkomen."))
    with transaction.atomic(durable=True):
        _check_employer(opportunity.network, opportunity.organisation)
        _locate(opportunity)
        if opportunity.pk is None:
            opportunity.created_by = user
        opportunity.save()
        tasks = tasks_for_names([name for name, _share in shares], user=user)
        OpportunityTask.objects.filter(opportunity=opportunity).delete()
        OpportunityTask.objects.bulk_create(
            OpportunityTask(opportunity=opportunity, task=tasks[_key(name)], share=share) for name, share in shares
        )
    return opportunity


def job_role_create(
    *, network, organisation, name: str, people: int, hours_per_week: int, tasks: list[tuple[str, int, int]], user=None
) -> JobRole:
    """Record an existing role in tasks (name, share of the time, complexity) to carve new jobs from."""
    if not tasks:
        raise ValidationError(_("Noem minstens één taak."))
    with transaction.atomic(durable=True):
        _check_employer(network, organisation)
        role = JobRole.objects.create(
            network=network, organisation=organisation, name=name, people=people, hours_per_week=hours_per_week
        )
        found = tasks_for_names([task for task, _share, _complexity in tasks], user=user)
        RoleTask.objects.bulk_create(
            RoleTask(role=role, task=found[_key(task)], share=share, complexity=complexity)
            for task, share, complexity in tasks
        )
    return role


def carved_shares(freed_per_task: dict[str, float]) -> list[tuple[str, int]]:
    """Shares of time (whole percents adding up to 100) in proportion to the hours each task frees."""
    total = sum(freed_per_task.values())
    if total <= 0:
        return []
    exact = {name: 100 * hours / total for name, hours in freed_per_task.items()}
    shares = {name: max(1, int(value)) for name, value in exact.items()}
    # Largest remainders get the percents that rounding down left over.
    for name in sorted(exact, key=lambda n: exact[n] - int(exact[n]), reverse=True):
        if sum(shares.values()) >= 100:
            break
        shares[name] += 1
    while sum(shares.values()) > 100:
        largest = max(shares, key=shares.get)
        shares[largest] -= 1
    return sorted(shares.items(), key=lambda item: (-item[1], item[0]))


def carving_opportunity_create(*, network, organisation, freed_per_task: dict[str, float], data: dict, user=None):
    """The one step from a carved cluster of tasks to an open opportunity at the employer."""
    shares = carved_shares(freed_per_task)
    if not shares:
        raise ValidationError(_("Kies minstens één taak om een nieuwe functie van te maken."))
    opportunity = Opportunity(
        network=network,
        organisation=organisation,
        kind=data["kind"],
        title=data["title"],
        description=_("Nieuwe functie, samengesteld uit taken van bestaande functies (jobcarving)."),
        hours_per_week=data["hours_per_week"],
        postcode=data["postcode"],
        places=data["places"],
    )
    return opportunity_save(opportunity=opportunity, shares=shares, user=user)
