"""Forms of the speedmeet pages: rounds and tables, presenting (and withdrawing) a candidate, an employer's yes or
no, moving a meeting in the plan."""

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from spil.core.forms import DateTimeInput, SensibleDates

from .models import Candidate, Speedmeet

# Ids posted back by the pages; beyond this a number is no row (and SQLite's integers end at 2**63).
MAX_ID = 2**31 - 1


class SpeedmeetForm(SensibleDates, forms.ModelForm):
    class Meta:
        model = Speedmeet
        fields = ["first_slot_at", "slot_minutes", "slots", "tables"]
        widgets = {"first_slot_at": DateTimeInput()}


def round_choices(speedmeet: Speedmeet, empty: str) -> list[tuple[str, str]]:
    """Rounds by number (1-based in the interface) with their start time."""
    choices = [("", empty)]
    for slot in range(speedmeet.slots):
        at = formats.time_format(timezone.localtime(speedmeet.slot_start(slot)), "H:i")
        choices.append((str(slot + 1), _("Ronde %(n)s (%(at)s)") % {"n": slot + 1, "at": at}))
    return choices


class PresentSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek een kandidaat"),
        required=False,
        max_length=100,
        help_text=_("Op naam of op referentie (bijvoorbeeld Kandidaat 123)."),
    )


class PresentForm(forms.Form):
    """Any candidate the member may present is accepted (`presentable`); the list shows those found (`shown`)."""

    candidate = forms.ModelChoiceField(
        label=_("Kandidaat"),
        queryset=Candidate.objects.none(),
        help_text=_(
            "Werkgevers zien de video-cv alleen als de kandidaat daarvoor toestemming gaf; leg die vast op de "
            "pagina van de kandidaat."
        ),
    )
    from_slot = forms.TypedChoiceField(label=_("Aanwezig vanaf"), coerce=int, required=False, empty_value=None)
    until_slot = forms.TypedChoiceField(label=_("Aanwezig tot en met"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, speedmeet: Speedmeet, presentable, shown, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = presentable
        # Render only the candidates found; validation asks `presentable` for the one posted.
        self.fields["candidate"].widget.choices = [("", _("Kies een kandidaat"))] + [
            (str(candidate.pk), f"{candidate} ({candidate.municipality})") for candidate in shown
        ]
        self.fields["from_slot"].choices = round_choices(speedmeet, _("Vanaf het begin"))
        self.fields["until_slot"].choices = round_choices(speedmeet, _("Tot het einde"))
        self.fields["candidate"].error_messages["invalid_choice"] = _(
            "Kies een kandidaat uit de lijst: alleen uw eigen kandidaten met toestemming voor een anoniem profiel."
        )


class MarkForm(forms.Form):
    wants = forms.TypedChoiceField(
        choices=[("yes", _("Ja")), ("no", _("Nee"))],
        coerce=lambda value: value == "yes",
        error_messages={"required": _("Kies Ja of Nee."), "invalid_choice": _("Kies Ja of Nee.")},
    )


class WithdrawForm(forms.Form):
    presented = forms.IntegerField(min_value=1, max_value=MAX_ID)


class PlaceForm(forms.Form):
    organisation = forms.IntegerField(min_value=1, max_value=MAX_ID)
    candidate = forms.IntegerField(min_value=1, max_value=MAX_ID)
    slot = forms.TypedChoiceField(label=_("Ronde"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, speedmeet: Speedmeet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].choices = round_choices(speedmeet, _("Niet inplannen"))


class PresenceForm(forms.Form):
    from_slot = forms.TypedChoiceField(label=_("Wij zijn er vanaf"), coerce=int, required=False, empty_value=None)
    until_slot = forms.TypedChoiceField(label=_("Tot en met"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, speedmeet: Speedmeet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_slot"].choices = round_choices(speedmeet, _("Vanaf het begin"))
        self.fields["until_slot"].choices = round_choices(speedmeet, _("Tot het einde"))
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _("Kies een ronde uit de lijst.")
