from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Role


class PersonForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    first_name = forms.CharField(label=_("Voornaam"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False)


class InviteForm(PersonForm):
    """A role in the network; contacts of an employer are invited from that partner's page."""

    role = forms.ChoiceField(label=_("Rol"), choices=[c for c in Role.choices if c[0] != Role.PARTNER_CONTACT])
    organisation = forms.ModelChoiceField(
        label=_("Publieke partner"),
        queryset=None,
        required=False,
        help_text=_("Alleen voor een adviseur van een publieke partner (WSP, UWV, gemeente, onderwijs)."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
