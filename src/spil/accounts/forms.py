from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Role


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    first_name = forms.CharField(label=_("Voornaam"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=None,
        required=False,
        help_text=_("Voor een contactpersoon van een partner of een adviseur van een publieke partner."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
