from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from spil.activities.forms import OrganisationByNameField
from spil.core.forms import DateInput, SensibleDates
from spil.networks.models import LabourMarketRegion
from spil.partners.forms import PublicEmployerForm
from spil.partners.validators import normalise_postcode

from .models import OfferKind, RequestKind, RequestStatus, StaffOffer
from .selectors import referral_targets


class RequestForm(PublicEmployerForm):
    """The desk's request form; the public version adds the organisation and a honeypot humans never see."""

    kind = forms.ChoiceField(label=_("Waar gaat uw vraag over?"), choices=RequestKind.choices, widget=forms.RadioSelect)
    description = forms.CharField(
        label=_("Uw vraag"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000, min_length=10
    )
    organisation_name = forms.CharField(label=_("Naam organisatie"), max_length=200)
    kvk_number = forms.CharField(label=_("KvK-nummer"), max_length=12, required=False)
    contact_name = forms.CharField(label=_("Uw naam"), max_length=200)
    email = forms.EmailField(label=_("Uw e-mailadres"), max_length=254)
    phone = forms.CharField(label=_("Uw telefoonnummer"), max_length=30, required=False)
    postcode = forms.CharField(
        label=_("Postcode van de vestiging"),
        max_length=10,
        help_text=_("Daarmee vinden we het werkgeversservicepunt van uw regio."),
    )
    website_url = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def __init__(self, *args, partner=None, **kwargs):
        super().__init__(*args, **kwargs)
        if partner is not None:
            # A partner asks from inside Spil: the organisation is known.
            del self.fields["organisation_name"], self.fields["kvk_number"], self.fields["website_url"]


class IntakeForm(forms.Form):
    prefix = "intake"  # four step forms on one page: distinct field ids

    question_behind = forms.CharField(
        label=_("Vraag achter de vraag"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Wat heeft de werkgever echt nodig? Schrijf het op in de woorden van de werkgever."),
    )
    region = forms.ModelChoiceField(
        label=_("Arbeidsmarktregio"), queryset=LabourMarketRegion.objects.all(), required=False
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = OrganisationByNameField(
            network=network,
            url=reverse("activities:suggest_organisations", args=[network.slug]),
            required=False,
            label=_("Partner in het netwerk (als de werkgever al deelneemt)"),
        )


class ReferForm(forms.Form):
    prefix = "refer"  # four step forms on one page: distinct field ids

    organisation = forms.ModelChoiceField(label=_("Doorverwijzen naar"), queryset=None)
    note = forms.CharField(label=_("Overdrachtsnotitie"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    outside_region_ok = forms.BooleanField(label=_("Ja, ook al ligt de organisatie buiten de regio"), required=False)

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = referral_targets(network)


class ConfirmForm(forms.Form):
    prefix = "confirm"  # four step forms on one page: distinct field ids

    note = forms.CharField(
        label=_("Notitie (optioneel)"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )


class CloseForm(forms.Form):
    prefix = "close"  # four step forms on one page: distinct field ids

    outcome = forms.CharField(label=_("Uitkomst"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class FilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    flag = forms.ChoiceField(
        label=_("Termijn"),
        required=False,
        choices=[("", _("Alle")), ("near", _("Bijna over tijd")), ("overdue", _("Over tijd"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Alle")), *RequestStatus.choices]


class ReportPeriodForm(forms.Form):
    DEFAULT = 12
    months = forms.TypedChoiceField(
        label=_("Periode"),
        choices=[(3, _("Afgelopen 3 maanden")), (12, _("Afgelopen 12 maanden")), (0, _("Alles"))],
        coerce=int,
        initial=DEFAULT,
    )


class RosterForm(forms.Form):
    """One choice per working day: who is on duty."""

    def __init__(self, *args, days, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.days = days
        choices = [("", _("Niemand"))] + [(str(user.pk), user.get_full_name() or user.email) for user in people]
        for day in days:
            self.fields[day.isoformat()] = forms.TypedChoiceField(
                label=day, choices=choices, required=False, coerce=int, empty_value=None
            )

    def assignments(self) -> dict:
        return {day: self.cleaned_data[day.isoformat()] for day in self.days}


class StaffOfferForm(SensibleDates, forms.ModelForm):
    class Meta:
        model = StaffOffer
        fields = ["kind", "tasks", "people", "starts_on", "ends_on", "postcode", "note"]
        widgets = {
            "kind": forms.RadioSelect,
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, network=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = OfferKind.choices
        if network is not None:
            # The office posts for any partner: a name with suggestions, not a <select> of thousands.
            self.fields["organisation"] = OrganisationByNameField(
                network=network,
                url=reverse("activities:suggest_organisations", args=[network.slug]),
                label=_("Werkgever"),
            )
            self.order_fields(["organisation"])

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("De einddatum ligt voor de begindatum."))
        if data.get("tasks") is not None and not [t for t in data["tasks"].split(",") if t.strip()]:
            self.add_error("tasks", _("Noem minstens één taak."))
        return data
