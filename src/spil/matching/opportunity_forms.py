"""Forms of opportunities, their task shares, job carving and the match pipeline. Every field answers with its
own message; nothing here writes (the services do)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from spil.core.forms import DateInput, SensibleDates
from spil.core.widgets import QuickModelChoiceField
from spil.partners.validators import normalise_postcode

from .models import Complexity, EndReason, Opportunity, OpportunityKind, Stage, Support

MAX_TASK_ROWS = 20


class OpportunityForm(SensibleDates, forms.ModelForm):
    support = forms.MultipleChoiceField(
        label=_("Beschikbare begeleiding"), choices=Support.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Opportunity
        fields = [
            "kind",
            "title",
            "description",
            "hours_per_week",
            "postcode",
            "starts_on",
            "support",
            "sector",
            "learning_route",
            "school",
            "education_level",
            "places",
            "is_open",
        ]
        widgets = {"starts_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "learning_route": _("Bij een leerbaan: bbl, praktijkverklaring op entree- of niveau 2."),
            "is_open": _("Alleen open kansen worden gematcht."),
        }

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = OpportunityKind.choices
        if organisations is not None:
            # The office and advisors enter opportunities for any employer partner of the network.
            # Thousands of employers nationally: options rendered in Python from (id, name) only.
            self.fields["organisation"] = QuickModelChoiceField(label=_("Werkgever"), queryset=organisations)
            self.order_fields(["organisation"])
            if self.instance.pk:
                self.initial["organisation"] = self.instance.organisation_id

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])

    def clean(self):
        data = super().clean()
        learning = data.get("kind") in (OpportunityKind.LEARNING_JOB_BBL, OpportunityKind.LEARNING_JOB_CERTIFICATE)
        if learning and not data.get("learning_route"):
            self.add_error("learning_route", _("Vul bij een leerbaan de leerroute in."))
        return data


class TaskShareForm(forms.Form):
    task = forms.CharField(
        label=_("Taak"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"list": "task-names", "autocomplete": "off"}),
    )
    share = forms.IntegerField(label=_("Aandeel in de tijd (%)"), min_value=1, max_value=100, required=False)

    def clean(self):
        data = super().clean()
        task, share = (data.get("task") or "").strip(), data.get("share")
        if task and share is None and "share" not in self.errors:
            self.add_error("share", _("Geef aan welk deel van de tijd deze taak kost."))
        if share is not None and not task:
            self.add_error("task", _("Noem de taak bij dit aandeel."))
        data["task"] = " ".join(task.split())
        return data


class BaseTaskShareFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen, total = set(), 0
        for form in self.forms:
            task = form.cleaned_data.get("task")
            if not task:
                continue
            if task.lower() in seen:
                form.add_error("task", _("Deze taak staat er al."))
            seen.add(task.lower())
            total += form.cleaned_data["share"]
        if not seen:
            raise forms.ValidationError(_("Noem minstens één taak."))
        if total > 100:
            raise forms.ValidationError(
                _("De aandelen tellen op tot %(total)s%%; samen mogen ze niet boven 100%% uitkomen.") % {"total": total}
            )

    def shares(self) -> list[tuple[str, int]]:
        return [
            (form.cleaned_data["task"], form.cleaned_data["share"])
            for form in self.forms
            if form.cleaned_data.get("task")
        ]


def task_share_formset(data=None, *, initial=(), extra: int = 3, prefix: str = "tasks"):
    """A formset with the existing shares and a few empty rows to add tasks (no JavaScript needed)."""
    initial = list(initial)
    formset_class = forms.formset_factory(
        TaskShareForm,
        formset=BaseTaskShareFormSet,
        extra=extra,
        max_num=MAX_TASK_ROWS,
        absolute_max=MAX_TASK_ROWS,
        validate_max=True,
    )
    return formset_class(data, initial=initial, prefix=prefix)


class JobRoleForm(forms.Form):
    name = forms.CharField(label=_("Functie"), max_length=200)
    people = forms.IntegerField(label=_("Aantal mensen in deze functie"), min_value=1, max_value=5000, initial=1)
    hours_per_week = forms.IntegerField(label=_("Uren per week per persoon"), min_value=1, max_value=60, initial=36)


class RoleTaskForm(TaskShareForm):
    complexity = forms.TypedChoiceField(
        label=_("Complexiteit"), choices=Complexity.choices, coerce=int, initial=Complexity.SIMPLE
    )


def role_task_formset(data=None, *, extra: int = 6):
    formset_class = forms.formset_factory(
        RoleTaskForm,
        formset=BaseTaskShareFormSet,
        extra=extra,
        max_num=MAX_TASK_ROWS,
        absolute_max=MAX_TASK_ROWS,
        validate_max=True,
    )
    return formset_class(data, prefix="tasks")


class CarvingOpportunityForm(forms.Form):
    """Turn the selected tasks into a new role: the one step from carving to an opportunity."""

    kind = forms.ChoiceField(label=_("Soort kans"), choices=OpportunityKind.choices, initial=OpportunityKind.VACANCY)
    title = forms.CharField(label=_("Titel van de nieuwe functie"), max_length=200)
    hours_per_week = forms.IntegerField(label=_("Uren per week per plaats"), min_value=1, max_value=60)
    places = forms.IntegerField(label=_("Aantal plaatsen"), min_value=1, max_value=100, initial=1)
    postcode = forms.CharField(label=_("Postcode werkplek"), max_length=10)

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data["postcode"])


class ProposeForm(forms.Form):
    candidate = forms.IntegerField(widget=forms.HiddenInput)
    opportunity = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Toelichting voor de werkgever"), max_length=500, required=False)


class AdvanceForm(SensibleDates, forms.Form):
    prefix = "advance"

    stage = forms.ChoiceField(
        label=_("Volgende stap"),
        choices=[(Stage.TRIAL, Stage.TRIAL.label), (Stage.CONTRACT, Stage.CONTRACT.label)],
        widget=forms.RadioSelect,
    )
    contract_starts_on = forms.DateField(
        label=_("Contract per"), required=False, widget=DateInput(), help_text=_("Alleen bij een contract.")
    )
    note = forms.CharField(label=_("Notitie"), max_length=500, required=False)


class EndForm(forms.Form):
    prefix = "end"

    end_reason = forms.ChoiceField(label=_("Reden"), choices=EndReason.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Toelichting"), max_length=500, required=False)


class AnswerForm(forms.Form):
    prefix = "answer"

    answer = forms.ChoiceField(
        label=_("Uw antwoord"),
        choices=[("accept", _("Ja, ik wil kennismaken")), ("decline", _("Nee, dank u"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Toelichting (optioneel)"), max_length=500, required=False)
