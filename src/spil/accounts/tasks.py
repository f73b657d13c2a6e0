"""Background work of the accounts app: the invitation email."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


@task
def send_invitation(membership_id: int) -> bool:
    from .models import Membership

    membership = Membership.objects.select_related("user", "network", "organisation").filter(pk=membership_id).first()
    if membership is None:
        return False
    user = membership.user
    context = {"membership": membership, "site_url": settings.SITE_URL}
    if not user.has_usable_password():
        # A new person chooses a password through allauth's reset link (valid for a few days).
        key = default_token_generator.make_token(user)
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(user), "key": key})
        context["password_url"] = settings.SITE_URL + path
    with translation.override("nl"):
        body = render_to_string("accounts/email/invitation.txt", context)
        subject = f"Welkom bij {membership.network.name} in Spil"
    send_mail(subject, body, None, [user.email])
    return True
