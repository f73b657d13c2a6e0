"""The fixed cast of personas: one user per role, two partner organisations, a WSP, an outsider."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model

from spil.accounts.models import Membership, Role
from spil.networks.models import Body, BodyKind, Network, Seat
from spil.partners.models import Contact, Organisation, Partnership, Stage, Status

PASSWORD = "test-wachtwoord-42"


@dataclass
class Cast:
    network: Network
    other_network: Network
    org_a: Organisation
    org_b: Organisation
    wsp: Organisation
    partnership_a: Partnership
    partnership_b: Partnership
    coordinator: object
    backoffice: object
    chair: object
    core_member: object
    partner_a: object
    partner_b: object
    wsp_advisor: object
    steering: object
    editor: object
    outsider: object


def make_user(email: str, first_name: str = "", last_name: str = ""):
    return get_user_model().objects.create_user(
        email=email, password=PASSWORD, first_name=first_name, last_name=last_name
    )


def make_organisation(name: str, kvk: str | None = None, kind: str = "employer") -> Organisation:
    return Organisation.objects.create(
        name=name, kvk_number=kvk, kind=kind, postcode="3811 AB", municipality="Amersfoort", sector="Zorg"
    )


def make_partnership(network: Network, organisation: Organisation, **extra) -> Partnership:
    contact = Contact.objects.create(
        organisation=organisation, name=f"Contact {organisation.name}", email=f"info{organisation.pk}@example.org"
    )
    extra.setdefault("status", Status.ACTIVE)
    extra.setdefault("stage", Stage.STARTER)
    extra.setdefault("joined_on", date(2024, 1, 1))
    return Partnership.objects.create(network=network, organisation=organisation, main_contact=contact, **extra)


def build_cast() -> Cast:
    network = Network.objects.create(name="99vanTestregio", slug="testregio")
    other = Network.objects.create(name="99vanElders", slug="elders")
    for kind in BodyKind.values:
        Body.objects.create(network=network, kind=kind)
    org_a = make_organisation("Bakkerij Aalbers", "12345678")
    org_b = make_organisation("Bouwbedrijf Bosman", "23456789")
    wsp = make_organisation("WSP Testregio", "34567890", kind="wsp")
    partnership_a = make_partnership(network, org_a)
    partnership_b = make_partnership(network, org_b)
    make_partnership(network, wsp)
    users = {
        "coordinator": make_user("coordinator@example.org", "Carla", "Coördinator"),
        "backoffice": make_user("backoffice@example.org", "Bram", "Backoffice"),
        "chair": make_user("voorzitter@example.org", "Vera", "Voorzitter"),
        "core_member": make_user("kerngroeplid@example.org", "Kees", "Kerngroep"),
        "partner_a": make_user("partner-a@example.org", "Anna", "Aalbers"),
        "partner_b": make_user("partner-b@example.org", "Bas", "Bosman"),
        "wsp_advisor": make_user("wsp@example.org", "Wim", "Adviseur"),
        "steering": make_user("stuurgroep@example.org", "Sara", "Stuurgroep"),
        "editor": make_user("redacteur@example.org", "Roos", "Redacteur"),
        "outsider": make_user("buitenstaander@example.org", "Otto", "Outsider"),
    }
    roles = {
        "coordinator": (Role.COORDINATOR, None),
        "backoffice": (Role.BACKOFFICE, None),
        "chair": (Role.CORE_GROUP, None),
        "core_member": (Role.CORE_GROUP, None),
        "partner_a": (Role.PARTNER_CONTACT, org_a),
        "partner_b": (Role.PARTNER_CONTACT, org_b),
        "wsp_advisor": (Role.PUBLIC_ADVISOR, wsp),
        "steering": (Role.STEERING, None),
        "editor": (Role.EDITOR, None),
    }
    for key, (role, organisation) in roles.items():
        Membership.objects.create(user=users[key], network=network, role=role, organisation=organisation)
    # The outsider belongs to another network only.
    Membership.objects.create(user=users["outsider"], network=other, role=Role.COORDINATOR)
    core_group = Body.objects.get(network=network, kind=BodyKind.CORE_GROUP)
    Seat.objects.create(body=core_group, user=users["chair"], role="chair")
    Seat.objects.create(body=core_group, user=users["core_member"], role="member")
    return Cast(
        network=network,
        other_network=other,
        org_a=org_a,
        org_b=org_b,
        wsp=wsp,
        partnership_a=partnership_a,
        partnership_b=partnership_b,
        **users,
    )


def add_ambition(partnership: Partnership, **fields):
    """An ambition through the service, so the kept counts stay right."""
    from spil.partners.models import Ambition
    from spil.partners.services import ambition_create

    return ambition_create(partnership=partnership, ambition=Ambition(**fields))


def add_result(ambition, **fields):
    from spil.partners.models import Result
    from spil.partners.services import result_create

    return result_create(ambition=ambition, result=Result(**fields))
