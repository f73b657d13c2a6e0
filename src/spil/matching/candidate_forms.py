"""Forms of candidates and consents. Every field answers with its own message; nothing here writes (the services
do). There is no BSN field, on purpose (UAVG art. 46): Spil matches on tasks, not on identity numbers."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spil.activities.forms import SuggestInput
from spil.core.forms import DateInput, SensibleDates
from spil.core.widgets import QuickModelChoiceField
from spil.partners.validators import normalise_postcode

from .consent_texts import consent_text
from .models import CANDIDATE_FIELDS, Candidate, ConsentPurpose, Support, TargetGroup, WorkFit

MAX_TASKS = 40
MIN_AGE, MAX_AGE = 15, 75

# Sectors of interest as the employers' sector field names them (free text there, a short list here).
SECTORS = [
    "Zorg en welzijn",
    "Bouw en infra",
    "Techniek en productie",
    "Logistiek en transport",
    "Horeca",
    "Detailhandel",
    "Schoonmaak en facilitair",
    "Groen",
    "Overheid",
    "ICT",
    "Zakelijke dienstverlening",
    "Onderwijs",
]


def split_tasks(text: str) -> list[str]:
    """Task names typed as a list: separated by commas, semicolons or new lines."""
    parts = [" ".join(part.split()) for part in text.replace(";", ",").replace("\n", ",").split(",")]
    return list(dict.fromkeys(part for part in parts if part))


class TaskListField(forms.CharField):
    """Tasks from the shared list, typed with suggestions; a name not on the list yet is added to it."""

    def __init__(self, *, url: str = "", **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 4000)
        super().__init__(widget=SuggestInput(url), **kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return ", ".join(str(item) for item in value)
        return value

    def clean(self, value):
        names = split_tasks(super().clean(value) or "")
        if len(names) > MAX_TASKS:
            raise forms.ValidationError(_("Noem hooguit %(n)s taken.") % {"n": MAX_TASKS})
        if any(len(name) > 120 for name in names):
            raise forms.ValidationError(_("Een taak is hooguit 120 tekens lang; scheid taken met komma's."))
        return names


def _checkboxes(label, choices, **kwargs):
    return forms.MultipleChoiceField(
        label=label, choices=choices, required=False, widget=forms.CheckboxSelectMultiple, **kwargs
    )


class CandidateForm(SensibleDates, forms.ModelForm):
    consent_field_names: tuple[str, ...] = ()
    target_groups = _checkboxes(_("Doelgroepen"), TargetGroup.choices)
    sectors = _checkboxes(_("Sectoren waarin de kandidaat wil werken"), [(s, s) for s in SECTORS])
    support_needs = _checkboxes(_("Ondersteuning nodig"), Support.choices)
    # Longer than the stored '1234 AB', so a badly typed postcode gets the postcode message, not a length one.
    postcode = forms.CharField(label=_("Postcode"), max_length=20)

    class Meta:
        model = Candidate
        fields = CANDIDATE_FIELDS
        widgets = {
            "birth_date": DateInput(),
            "pitch": forms.Textarea(attrs={"rows": 4}),
            "work_fit": forms.RadioSelect,
        }
        help_texts = {
            "pitch": _("Een paar zinnen in de woorden van de kandidaat. Werkgevers zien de pitch zonder naam."),
            "video_url": _(
                "Optioneel: een link naar een video-cv. Werkgevers zien die alleen met toestemming van de "
                "kandidaat: om de video-cv aan de werkgevers van het netwerk te laten zien, of om contactgegevens "
                "met één werkgever te delen."
            ),
        }

    def __init__(self, *args, task_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_fit"].choices = WorkFit.choices
        self.fields["tasks"] = TaskListField(
            url=task_url,
            label=_("Taken die de kandidaat kan"),
            help_text=_(
                "Denk in taken, niet in functies. Scheid taken met komma's; kies uit de suggesties of voeg "
                "een nieuwe taak toe."
            ),
        )
        self.fields["learn_tasks"] = TaskListField(
            url=task_url,
            label=_("Taken die de kandidaat wil leren"),
            help_text=_("Scheid taken met komma's."),
        )
        self.order_fields([*self.Meta.fields[:9], "tasks", "learn_tasks"])
        if self.instance.pk:
            self.initial["tasks"] = [task.name for task in self.instance.tasks.all()]
            self.initial["learn_tasks"] = [task.name for task in self.instance.learn_tasks.all()]

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])

    def clean_birth_date(self):
        born = self.cleaned_data["birth_date"]
        today = timezone.localdate()
        if born > today:
            raise forms.ValidationError(_("De geboortedatum ligt in de toekomst."))
        years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if not MIN_AGE <= years <= MAX_AGE:
            raise forms.ValidationError(
                _("Een kandidaat is tussen %(low)s en %(high)s jaar oud.") % {"low": MIN_AGE, "high": MAX_AGE}
            )
        return born

    def clean_municipality(self):
        return " ".join(self.cleaned_data["municipality"].split())

    def candidate_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RegistrationForm(CandidateForm):
    """A new candidate, with the consents given at the intake (their exact texts on the form)."""

    consent_field_names = ("consent_match", "consent_anonymous_profile", "consent_expires_on")

    consent_match = forms.BooleanField(required=False)
    consent_anonymous_profile = forms.BooleanField(required=False)
    consent_expires_on = forms.DateField(
        label=_("Toestemming geldig tot en met (optioneel)"), required=False, widget=DateInput()
    )

    def __init__(self, *args, network, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            # The coordinator registers on behalf of a public partner of the network.
            self.fields["organisation"] = QuickModelChoiceField(label=_("Namens organisatie"), queryset=organisations)
            self.order_fields(["organisation"])
        self.consent_texts = {}
        for purpose, field_name in (
            (ConsentPurpose.MATCH, "consent_match"),
            (ConsentPurpose.ANONYMOUS_PROFILE, "consent_anonymous_profile"),
        ):
            version, text = consent_text(purpose, network=network)
            self.fields[field_name].label = text
            self.fields[field_name].help_text = _("Tekstversie %(version)s") % {"version": version}
            self.consent_texts[purpose] = (version, text)

    def clean_consent_expires_on(self):
        value = self.cleaned_data["consent_expires_on"]
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in het verleden."))
        return value

    def consents(self) -> list[str]:
        purposes = []
        if self.cleaned_data.get("consent_match"):
            purposes.append(ConsentPurpose.MATCH)
        if self.cleaned_data.get("consent_anonymous_profile"):
            purposes.append(ConsentPurpose.ANONYMOUS_PROFILE)
        return purposes


class ConsentForm(SensibleDates, forms.Form):
    purpose = forms.ChoiceField(label=_("Waarvoor geeft de kandidaat toestemming?"), widget=forms.RadioSelect)
    # A network's employers run to thousands: options rendered in Python from (id, name) only.
    employer = QuickModelChoiceField(
        label=_("Werkgever (alleen bij contactgegevens delen)"), queryset=None, required=False
    )
    expires_on = forms.DateField(label=_("Geldig tot en met (optioneel)"), required=False, widget=DateInput())
    given = forms.BooleanField(
        label=_("De kandidaat heeft de tekst hieronder gelezen en geeft toestemming."),
        error_messages={"required": _("Vink aan dat de kandidaat de tekst heeft gelezen en toestemming geeft.")},
    )

    def __init__(self, *args, network, employers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = ConsentPurpose.choices
        self.fields["employer"].queryset = employers
        self.texts = [
            (purpose, label, *consent_text(purpose, network=network)) for purpose, label in ConsentPurpose.choices
        ]

    def clean_expires_on(self):
        value = self.cleaned_data["expires_on"]
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in het verleden."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("purpose") != ConsentPurpose.SHARE_CONTACT:
            data["employer"] = None  # only sharing contact details names an employer
        elif not data.get("employer") and "employer" not in self.errors:
            self.add_error("employer", _("Kies de werkgever met wie de contactgegevens worden gedeeld."))
        return data


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100)


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ja, wis deze kandidaat met alle toestemmingen en matches. Dit kan niet ongedaan worden gemaakt."),
        error_messages={"required": _("Vink aan dat u de kandidaat echt wilt wissen.")},
    )
