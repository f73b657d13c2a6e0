"""The people of a network and their roles: invite, list, end. Kept here because it needs the partners."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from spil.accounts import services as account_services
from spil.accounts.forms import InviteForm, PersonForm
from spil.accounts.models import Membership, Role
from spil.core.forms import add_service_errors
from spil.core.pagination import paginate
from spil.core.permissions import Action, network_view

from .models import Organisation, OrganisationKind, Partnership


def _public_partners(network):
    """The public partners of the network: a short list (employers' contacts are invited per partner)."""
    return (
        Organisation.objects.filter(pk__in=Partnership.objects.filter(network=network).members().values("organisation"))
        .exclude(kind=OrganisationKind.EMPLOYER)
        .order_by("name")
    )


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_MEMBERS)
def member_list(request):
    form = InviteForm(request.POST or None, organisations=_public_partners(request.network))
    if request.method == "POST" and form.is_valid():
        try:
            membership = account_services.membership_invite(network=request.network, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(email)s is uitgenodigd en krijgt een e-mail.") % {"email": membership.user.email}
            )
            return redirect("partners:members", request.network.slug)
    members = (
        Membership.objects.filter(network=request.network)
        .select_related("user", "organisation")
        .order_by("role", "user__last_name", "user__email", "pk")
    )
    status = 400 if form.errors else 200
    return TemplateResponse(
        request, "partners/member_list.html", {"page": paginate(request, members), "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_MEMBERS)
def member_end(request, pk: int):
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=pk, network=request.network)
    error = None
    if request.method == "POST":
        try:
            account_services.membership_end(membership=membership, ended_by=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(request, _("De toegang van %(email)s is beëindigd.") % {"email": membership.user.email})
            return redirect("partners:members", request.network.slug)
    return TemplateResponse(
        request, "partners/member_end.html", {"membership": membership, "error": error}, status=400 if error else 200
    )


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_MEMBERS)
def partner_contact_invite(request, pk: int):
    partnership = get_object_or_404(Partnership.objects.select_related("organisation"), pk=pk, network=request.network)
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_services.membership_invite(
                network=request.network,
                role=Role.PARTNER_CONTACT,
                organisation=partnership.organisation,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(email)s is uitgenodigd en krijgt een e-mail.") % {"email": form.cleaned_data["email"]}
            )
            return redirect(partnership)
    return TemplateResponse(request, "partners/partner_contact_invite.html", {"partnership": partnership, "form": form})
