from django import forms
from django.utils.translation import gettext_lazy as _

from spil.core.forms import DateInput, SensibleDates

from .models import (
    AdmissionDecision,
    AdmissionOpinion,
    Ambition,
    Contact,
    Contribution,
    Decision,
    Opinion,
    Organisation,
    Partnership,
    Result,
    Stage,
    Status,
)
from .validators import normalise_postcode


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "kvk_number", "sector", "employees", "street", "postcode", "municipality", "website"]

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode", "")
        return normalise_postcode(value) if value else ""

    def clean_kvk_number(self):
        value = (self.cleaned_data.get("kvk_number") or "").replace(" ", "")
        if not value:
            return None
        existing = Organisation.objects.filter(kvk_number=value).exclude(pk=self.instance.pk).first()
        if existing is not None:
            raise forms.ValidationError(
                _("Dit KvK-nummer is al geregistreerd bij %(name)s."), params={"name": existing.name}
            )
        return value

    def validate_unique(self):
        # The KvK duplicate gets its own message naming the organisation (clean_kvk_number).
        exclude = self._get_validation_exclusions() | {"kvk_number"}
        try:
            self.instance.validate_unique(exclude=exclude)
        except forms.ValidationError as error:
            self._update_errors(error)


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "function", "email", "phone"]


class OptionalContactForm(ContactForm):
    """A first contact that may be left empty; once anything is filled in, the name is needed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("name") and any(cleaned.get(f) for f in ("function", "email", "phone")):
            self.add_error("name", _("Vul de naam van de contactpersoon in, of laat alle velden leeg."))
        return cleaned

    def has_contact(self) -> bool:
        return bool(self.cleaned_data.get("name"))


class PartnershipForm(SensibleDates, forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ["stage", "joined_on"]
        widgets = {"joined_on": DateInput()}


class PartnershipEditForm(SensibleDates, forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ["status", "stage", "joined_on", "main_contact"]
        widgets = {"joined_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["main_contact"].queryset = Contact.objects.filter(organisation_id=self.instance.organisation_id)


class PublicEmployerForm(forms.Form):
    """What the public forms for employers share: a Dutch postcode, an optional KvK number and a honeypot
    field ('website_url') that humans never see."""

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])

    def clean_kvk_number(self):
        value = self.cleaned_data.get("kvk_number", "").replace(" ", "")
        if value and (len(value) != 8 or not (value.isascii() and value.isdigit())):
            raise forms.ValidationError(_("Een KvK-nummer bestaat uit precies 8 cijfers."))
        return value

    def is_spam(self) -> bool:
        return bool(self.data.get("website_url"))


class ApplicationForm(PublicEmployerForm):
    """The public admission form; 'website_url' is a honeypot humans never see."""

    organisation_name = forms.CharField(label=_("Naam organisatie"), max_length=200)
    kvk_number = forms.CharField(label=_("KvK-nummer"), max_length=12, required=False)
    sector = forms.CharField(label=_("Sector"), max_length=100, required=False)
    employees = forms.IntegerField(label=_("Aantal medewerkers"), min_value=1, max_value=1_000_000, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=10)
    municipality = forms.CharField(label=_("Gemeente"), max_length=100)
    contact_name = forms.CharField(label=_("Uw naam"), max_length=200)
    contact_function = forms.CharField(label=_("Uw functie"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("Uw e-mailadres"), max_length=254)
    contact_phone = forms.CharField(label=_("Uw telefoonnummer"), max_length=30, required=False)
    motivation = forms.CharField(
        label=_("Waarom wilt u deelnemen?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    website_url = forms.CharField(label=_("Laat dit veld leeg"), required=False)


class OpinionForm(forms.ModelForm):
    # A radio choice without the empty "select an option" entry of a model choice field.
    opinion = forms.ChoiceField(label=_("Advies"), choices=Opinion.choices, widget=forms.RadioSelect)

    class Meta:
        model = AdmissionOpinion
        fields = ["opinion", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}


class DecisionForm(forms.ModelForm):
    decision = forms.ChoiceField(label=_("Besluit"), choices=Decision.choices, widget=forms.RadioSelect)

    class Meta:
        model = AdmissionDecision
        fields = ["decision", "reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}


class AmbitionForm(SensibleDates, forms.ModelForm):
    class Meta:
        model = Ambition
        fields = ["kind", "target", "target_date", "description"]
        widgets = {"target_date": DateInput()}


class ResultForm(SensibleDates, forms.ModelForm):
    class Meta:
        model = Result
        fields = ["number", "date", "description"]
        widgets = {"date": DateInput()}


class ContributionForm(SensibleDates, forms.ModelForm):
    """One partner's contribution for one year."""

    class Meta:
        model = Contribution
        fields = ["year", "amount", "invoiced_on", "paid_on"]
        widgets = {"invoiced_on": DateInput(), "paid_on": DateInput()}

    def clean(self):
        cleaned = super().clean()
        invoiced, paid = cleaned.get("invoiced_on"), cleaned.get("paid_on")
        if invoiced and paid and paid < invoiced:
            self.add_error("paid_on", _("De betaaldatum ligt vóór de factuurdatum."))
        return cleaned


class YearContributionForm(SensibleDates, forms.Form):
    """The yearly fee for every member of the network at once."""

    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    amount = forms.DecimalField(label=_("Bedrag per partner (€)"), min_value=0, max_digits=10, decimal_places=2)
    invoiced_on = forms.DateField(label=_("Gefactureerd op"), required=False, widget=DateInput())


class PartnerFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Alle")), *Status.choices])
    stage = forms.ChoiceField(label=_("Fase"), required=False, choices=[("", _("Alle")), *Stage.choices])
    ambition = forms.ChoiceField(
        label=_("Ambitie"),
        required=False,
        choices=[
            ("", _("Alle")),
            ("none", _("Zonder ambitie")),
            ("no_result", _("Ambitie, nog zonder resultaat")),
        ],
    )
