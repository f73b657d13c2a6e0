"""The selection form of a cohort assignment."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from spil.core.forms import add_service_errors, offer_organisations
from spil.partners.models import Organisation

from .cohort_services import clean_criteria
from .models import OpportunityKind, WorkFit


class CohortForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Naam"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Kandidaten van"), queryset=Organisation.objects.none(), required=False
    )
    municipality = forms.CharField(label=gettext_lazy("Gemeente"), max_length=100, required=False)
    postcodes = forms.CharField(
        label=gettext_lazy("Postcodegebieden van de kandidaten"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Bijvoorbeeld 38, 3811; leeg is alle."),
    )
    work_fit = forms.MultipleChoiceField(
        label=gettext_lazy("Werkfit"), choices=WorkFit.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    without_match = forms.BooleanField(
        label=gettext_lazy("Alleen kandidaten zonder lopende match"), required=False, initial=True
    )
    kinds = forms.MultipleChoiceField(
        label=gettext_lazy("Soort kansen"),
        choices=OpportunityKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Leeg is alle open kansen van het netwerk."),
    )
    opportunity_postcodes = forms.CharField(
        label=gettext_lazy("Postcodegebieden van de kansen"), max_length=200, required=False
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_organisations(self, organisations)

    def clean(self):
        cleaned = super().clean()
        try:
            cleaned["criteria"] = clean_criteria(cleaned)
        except ValidationError as error:
            add_service_errors(self, error)
        return cleaned
