from spil.core.permissions import allowed_actions


def navigation(request):
    membership = getattr(request, "membership", None)
    context = {"membership": membership, "can": allowed_actions(membership)}
    if membership is not None:
        context["network"] = membership.network
    if request.user.is_authenticated:
        # Called by the template only when the menu is rendered: one query.
        context["my_memberships"] = lambda: _my_memberships(request.user)
    return context


def _my_memberships(user):
    from spil.accounts.models import Membership

    return list(Membership.objects.filter(user=user).select_related("network").order_by("network__name"))
