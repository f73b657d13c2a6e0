"""Forms of the speedmeet pages: rounds and tables, presenting a candidate, an employer's yes or no, moving a
meeting in the plan."""

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from spil.core.forms import DateTimeInput

from .models import Speedmeet


class SpeedmeetForm(forms.ModelForm):
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


class PresentForm(forms.Form):
    candidate = forms.TypedChoiceField(label=_("Kandidaat"), coerce=int)
    show_video = forms.BooleanField(
        label=_("Video-cv tonen"),
        required=False,
        help_text=_("Alleen als de kandidaat ermee instemt dat de werkgevers van deze speedmeet de video zien."),
    )
    from_slot = forms.TypedChoiceField(label=_("Aanwezig vanaf"), coerce=int, required=False, empty_value=None)
    until_slot = forms.TypedChoiceField(label=_("Aanwezig tot en met"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, speedmeet: Speedmeet, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].choices = [("", _("Kies een kandidaat"))] + [
            (str(candidate.pk), f"{candidate} ({candidate.municipality})") for candidate in candidates
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


class PlaceForm(forms.Form):
    organisation = forms.IntegerField(min_value=1)
    candidate = forms.IntegerField(min_value=1)
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
