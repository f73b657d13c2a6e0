from django import forms
from django.utils.translation import gettext_lazy as _

from spil.networks.models import LabourMarketRegion, Network

from .models import SignpostEntry, Theme


def network_regions(network: Network):
    """The regions an entry of this network may name: the network's own, or all 35 when it has none set."""
    own = LabourMarketRegion.objects.filter(networks=network)
    return own if own.exists() else LabourMarketRegion.objects.all()


class SignpostEntryForm(forms.ModelForm):
    class Meta:
        model = SignpostEntry
        fields = [
            "name",
            "theme",
            "audience",
            "offer",
            "region",
            "contact_name",
            "contact_email",
            "contact_phone",
            "website",
            "archived",
        ]
        widgets = {
            "audience": forms.Textarea(attrs={"rows": 2}),
            "offer": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "audience": _("Bijvoorbeeld: werkgevers in de zorg, jongeren zonder startkwalificatie."),
            "region": _("Laat leeg als het initiatief in de hele regio van het netwerk werkt."),
        }

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = network_regions(network)
        self.fields["region"].empty_label = _("Hele netwerkregio")

    def clean(self):
        cleaned = super().clean()
        channels = ("contact_email", "contact_phone", "website")
        if not any(cleaned.get(f) for f in channels) and not any(self.has_error(f) for f in channels):
            self.add_error(
                "contact_email", _("Vul een e-mailadres, telefoonnummer of website in, zodat men contact kan zoeken.")
            )
        return cleaned


class FilterForm(forms.Form):
    def filters(self) -> dict:
        """The valid filter values; an invalid one (an unknown theme, a made-up region) is left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name in self.fields}


class SignpostFilterForm(FilterForm):
    """The public search; a value that is not valid is left out of the filter and shown as an error."""

    q = forms.CharField(label=_("Zoeken"), required=False, max_length=200)
    theme = forms.ChoiceField(label=_("Thema"), required=False, choices=[("", _("Alle thema's")), *Theme.choices])
    region = forms.ModelChoiceField(
        label=_("Arbeidsmarktregio"),
        required=False,
        queryset=LabourMarketRegion.objects.none(),
        empty_label=_("Alle regio's"),
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions


class SignpostManageFilterForm(FilterForm):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Toon"),
        required=False,
        choices=[
            ("", _("Alle gepubliceerde")),
            ("check", _("Controle nodig")),
            ("archived", _("Gearchiveerd")),
        ],
    )
