from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spil.core.forms import DateInput, DateTimeInput, ModelChoicesField, SensibleDates
from spil.core.widgets import QuickModelChoiceField, QuickModelMultipleChoiceField, QuickSelect, QuickSelectMultiple
from spil.partners.models import Organisation

from . import selectors
from .models import Appointment, BusStop, BusTour, Campaign, Channel, ContactMoment, OutreachSettings


def _person_label(user) -> str:
    return user.get_full_name() or user.email


class PeopleField(ModelChoicesField):
    def label_from_instance(self, obj):
        return _person_label(obj)


class _ListIterator(ModelChoiceIterator):
    """The choices from one plain query: the default iterator() opens a server-side cursor on PostgreSQL,
    three round trips for the handful of people a network has."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class PersonField(forms.ModelChoiceField):
    widget = QuickSelect  # the same <select>, without a template render per option
    iterator = _ListIterator

    def label_from_instance(self, obj):
        return _person_label(obj)


class QuestionsField(forms.CharField):
    """The questions of a guide, one per line."""

    widget = forms.Textarea(attrs={"rows": 8})

    def clean(self, value):
        lines = [line.strip() for line in (super().clean(value) or "").splitlines() if line.strip()]
        if self.required and not lines:
            raise ValidationError(_("Geef minstens één vraag."))
        too_long = [n for n, line in enumerate(lines, 1) if len(line) > 500]
        if too_long:
            raise ValidationError(_("Vraag %(n)s is langer dan 500 tekens.") % {"n": too_long[0]})
        return lines


class CampaignForm(SensibleDates, forms.ModelForm):
    questions = QuestionsField(
        label=_("Gespreksleidraad"), help_text=_("Eén vraag per regel. Later aanpassen maakt een nieuwe versie.")
    )

    class Meta:
        model = Campaign
        fields = ["name", "kind", "description", "goal_count", "starts_on", "ends_on", "interviewers"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"interviewers": PeopleField}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewers"].queryset = selectors.network_people(network)
        self.fields["interviewers"].help_text = _("Leden van het netwerk die gesprekken voeren, ook werkambassadeurs.")
        if self.instance.pk:
            del self.fields["questions"]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("De einddatum ligt voor de begindatum."))
        return data


class GuideForm(forms.Form):
    questions = QuestionsField(label=_("Vragen"), help_text=_("Eén vraag per regel."))


class TargetSelectForm(forms.Form):
    organisations = QuickModelMultipleChoiceField(
        label=_("Werkgevers uit het netwerk"), queryset=None, widget=QuickSelectMultiple(attrs={"size": 10})
    )

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        present = campaign.targets.values("organisation_id")
        self.fields["organisations"].queryset = selectors.network_employers(campaign.network).exclude(pk__in=present)


class TargetImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (CSV of XLSX)"),
        help_text=_("Kolommen: naam (verplicht), kvk, postcode, gemeente, sector. De eerste regel noemt de kolommen."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Kies een CSV- of XLSX-bestand."))
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError(_("Het bestand is groter dan 5 MB."))
        return upload


class ConversationForm(SensibleDates, forms.Form):
    organisation = QuickModelChoiceField(label=_("Werkgever"), queryset=None)
    held_on = forms.DateField(label=_("Datum gesprek"), widget=DateInput())
    needs_count = forms.IntegerField(label=_("Aantal behoeften"), min_value=0, max_value=999, initial=0)
    needs = forms.CharField(label=_("Behoeften"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    vacancies_count = forms.IntegerField(label=_("Aantal vacatures"), min_value=0, max_value=999, initial=0)
    vacancies = forms.CharField(label=_("Vacatures"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    consent_share_name = forms.BooleanField(
        label=_("De werkgever geeft toestemming de bedrijfsnaam te delen met publieke partners"), required=False
    )
    note = forms.CharField(label=_("Aantekeningen"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    referral_to = QuickModelChoiceField(label=_("Doorverwezen naar"), queryset=None, required=False)
    referral_note = forms.CharField(label=_("Toelichting doorverwijzing"), required=False, max_length=500)
    action_description = forms.CharField(label=_("Vervolgactie"), required=False, max_length=300)
    action_owner = PersonField(label=_("Eigenaar vervolgactie"), queryset=None, required=False)
    action_due = forms.DateField(label=_("Vervolgactie uiterlijk"), required=False, widget=DateInput())

    def __init__(self, *args, campaign, questions, pressure_url: str = "", organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        network = campaign.network
        self.questions = questions
        # The campaign's target list (its employers are the network's by definition).
        organisations = Organisation.objects.filter(pk__in=campaign.targets.values("organisation_id")).order_by("name")
        if organisation is not None:
            organisations = selectors.network_organisations(network).filter(pk=organisation.pk)
            self.fields["organisation"].initial = organisation.pk
        self.fields["organisation"].queryset = organisations
        self.fields["organisation"].widget.attrs.update(
            {"hx-get": pressure_url, "hx-trigger": "change", "hx-target": "#contact-pressure", "hx-swap": "outerHTML"}
        )
        self.fields["held_on"].initial = timezone.localdate()
        self.fields["referral_to"].queryset = selectors.referral_organisations(network)
        self.fields["action_owner"].queryset = selectors.network_people(network)
        for question in questions:
            self.fields[f"q_{question.pk}"] = forms.CharField(
                label=question.text, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    @property
    def question_fields(self):
        return [self[f"q_{q.pk}"] for q in self.questions]

    @property
    def main_fields(self):
        names = ["organisation", "held_on"]
        return [self[name] for name in names]

    @property
    def finding_fields(self):
        names = ["needs_count", "needs", "vacancies_count", "vacancies", "consent_share_name", "note"]
        return [self[name] for name in names]

    @property
    def follow_up_fields(self):
        names = ["referral_to", "referral_note", "action_description", "action_owner", "action_due"]
        return [self[name] for name in names]

    def clean(self):
        data = super().clean()
        if data.get("held_on") and data["held_on"] > timezone.localdate():
            self.add_error("held_on", _("Een gesprek ligt niet in de toekomst."))
        if data.get("action_description"):
            if not data.get("action_due"):
                self.add_error("action_due", _("Geef aan wanneer de vervolgactie af moet zijn."))
        elif data.get("action_owner") or data.get("action_due"):
            self.add_error("action_description", _("Beschrijf de vervolgactie."))
        if data.get("referral_note") and not data.get("referral_to"):
            self.add_error("referral_to", _("Kies de organisatie waarnaar is doorverwezen."))
        return data

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"q_{q.pk}", "") for q in self.questions}


class ActionForm(SensibleDates, forms.Form):
    description = forms.CharField(label=_("Vervolgactie"), max_length=300)
    owner = PersonField(label=_("Eigenaar"), queryset=None, required=False)
    due_date = forms.DateField(label=_("Uiterlijk"), widget=DateInput())

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.network_people(network)


class ContactMomentForm(SensibleDates, forms.ModelForm):
    class Meta:
        model = ContactMoment
        fields = ["organisation", "on", "channel", "note"]
        widgets = {"on": DateInput()}
        field_classes = {"organisation": QuickModelChoiceField}

    def __init__(self, *args, network, pressure_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = selectors.network_employers(network)
        field.widget.attrs.update(
            {"hx-get": pressure_url, "hx-trigger": "change", "hx-target": "#contact-pressure", "hx-swap": "outerHTML"}
        )
        self.fields["channel"].choices = Channel.choices

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise ValidationError(_("Een contact ligt niet in de toekomst."))
        return on


class SettingsForm(forms.ModelForm):
    class Meta:
        model = OutreachSettings
        fields = ["contact_pressure_weeks", "contact_limit"]

    def clean_contact_pressure_weeks(self):
        weeks = self.cleaned_data["contact_pressure_weeks"]
        if not 1 <= weeks <= 104:
            raise ValidationError(_("Kies 1 tot en met 104 weken."))
        return weeks

    def clean_contact_limit(self):
        limit = self.cleaned_data["contact_limit"]
        if not 1 <= limit <= 50:
            raise ValidationError(_("Kies 1 tot en met 50."))
        return limit


class BusTourForm(forms.ModelForm):
    class Meta:
        model = BusTour
        fields = ["name", "campaign", "survey_url"]

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = Campaign.objects.filter(network=network)


class BusStopForm(SensibleDates, forms.ModelForm):
    class Meta:
        model = BusStop
        fields = ["business_park", "starts_at", "ends_at", "advisers"]
        widgets = {"starts_at": DateTimeInput(), "ends_at": DateTimeInput()}
        field_classes = {"advisers": PeopleField}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisers"].queryset = selectors.network_people(network)

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", _("Het vertrek moet na de aankomst liggen."))
        return data


class AppointmentForm(SensibleDates, forms.ModelForm):
    class Meta:
        model = Appointment
        fields = ["organisation", "at", "adviser"]
        widgets = {"at": DateTimeInput()}
        field_classes = {"organisation": QuickModelChoiceField, "adviser": PersonField}

    def __init__(self, *args, network, stop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = selectors.network_employers(network)
        self.fields["adviser"].queryset = stop.advisers.all()
