"""Every page of the app, addressed with the objects of a cast (shared by matrix and query tests)."""

from django.urls import reverse

from spil.networks.models import Body, BodyKind
from spil.partners.models import Ambition, Partnership, Status


def first_application(network) -> Partnership:
    return Partnership.objects.filter(network=network, status=Status.APPLICANT).order_by("pk").first()


def page_urls(cast) -> dict[str, str]:
    slug = cast.network.slug
    pa = cast.partnership_a
    ambition = Ambition.objects.filter(partnership=pa).order_by("pk").first()
    application = first_application(cast.network)
    body = Body.objects.get(network=cast.network, kind=BodyKind.CORE_GROUP)
    return {
        "dashboard": reverse("dashboards:network", args=[slug]),
        "partner_list": reverse("partners:list", args=[slug]),
        "partner_search": reverse("partners:list", args=[slug]) + "?q=Bakkerij&status=active&stage=starter",
        "partner_detail": reverse("partners:detail", args=[slug, pa.pk]),
        "partner_create": reverse("partners:create", args=[slug]),
        "partner_edit": reverse("partners:edit", args=[slug, pa.pk]),
        "contact_create": reverse("partners:contact_create", args=[slug, pa.pk]),
        "ambition_create": reverse("partners:ambition_create", args=[slug, pa.pk]),
        "result_create": reverse("partners:result_create", args=[slug, ambition.pk]),
        "ambition_delete": reverse("partners:ambition_delete", args=[slug, ambition.pk]),
        "result_delete": reverse("partners:result_delete", args=[slug, ambition.results.order_by("pk").first().pk]),
        "ambitions": reverse("partners:ambitions", args=[slug]),
        "contributions": reverse("partners:contributions", args=[slug]),
        "contributions_unpaid": reverse("partners:contributions", args=[slug]) + "?unpaid=1",
        "contribution_create": reverse("partners:contribution_create", args=[slug, pa.pk]),
        "contribution_year": reverse("partners:contribution_year", args=[slug]),
        "admissions": reverse("partners:admissions", args=[slug]),
        "admission_create": reverse("partners:admission_create", args=[slug]),
        "admission_detail": reverse("partners:admission", args=[slug, application.pk]),
        "bodies": reverse("networks:bodies", args=[slug]),
        "body_edit": reverse("networks:body_edit", args=[slug, body.pk]),
        "stakeholders": reverse("networks:stakeholders", args=[slug]),
        "network_edit": reverse("networks:edit", args=[slug]),
        "members": reverse("partners:members", args=[slug]),
        "contact_invite": reverse("partners:contact_invite", args=[slug, pa.pk]),
        "member_end": reverse(
            "partners:member_end", args=[slug, cast.steering.memberships.get(network=cast.network).pk]
        ),
    }
