from django import forms
from django.utils.translation import gettext_lazy as _

from spil.core.forms import DateInput, ModelChoicesField, SensibleDates

from .models import Body, Cooperation, Network, Seat, Stakeholder


class NetworkForm(SensibleDates, forms.ModelForm):
    class Meta:
        model = Network
        fields = [
            "name",
            "regions",
            "founded_on",
            "predecessor",
            "principles",
            "financing_model",
            "funder",
            "ownership_model",
            "description",
        ]
        widgets = {
            "founded_on": DateInput(),
            "regions": forms.SelectMultiple(attrs={"size": 8}),
            "principles": forms.Textarea(attrs={"rows": 4}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        field_classes = {"regions": ModelChoicesField}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("financing_model") == "external" and not cleaned.get("funder"):
            self.add_error("funder", _("Noem de externe financier; die wordt opdrachtgever van het netwerk."))
        return cleaned


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = ["description", "meeting_every_weeks"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class SeatForm(forms.ModelForm):
    class Meta:
        model = Seat
        fields = ["user", "person_name", "organisation_name", "role"]

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body
        from django.contrib.auth import get_user_model

        self.fields["user"].queryset = (
            get_user_model().objects.filter(memberships__network_id=body.network_id).order_by("email")
        )
        self.fields["user"].required = False

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("user") and not cleaned.get("person_name"):
            self.add_error("person_name", _("Kies een gebruiker of vul een naam in."))
        if cleaned.get("role") == "chair" and Seat.objects.filter(body=self.body, role="chair").exists():
            self.add_error("role", _("Dit orgaan heeft al een voorzitter."))
        return cleaned


class StakeholderForm(forms.ModelForm):
    class Meta:
        model = Stakeholder
        fields = ["name", "kind", "interest", "influence", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class CooperationForm(SensibleDates, forms.ModelForm):
    class Meta:
        model = Cooperation
        fields = ["partner_name", "level", "since", "notes"]
        widgets = {"since": DateInput(), "notes": forms.Textarea(attrs={"rows": 2})}
