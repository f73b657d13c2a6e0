from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from spil.core.forms import DateInput, DateTimeInput
from spil.partners.models import MEMBER_STATUSES, Contact, Organisation

from .models import Activity, AgendaItem, Attendance, FollowUp, Group, GroupUpdate, Segment, Speaker, Venue


def network_contacts(network):
    """Contacts of the network's member partners, with their organisation."""
    return (
        Contact.objects.filter(
            organisation__partnerships__network=network, organisation__partnerships__status__in=MEMBER_STATUSES
        )
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.organisation.name})"


class ContactMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.organisation.name})"


class ActivityForm(forms.ModelForm):
    invitees = ContactMultipleChoiceField(
        queryset=Contact.objects.none(),
        required=False,
        label=_("Genodigden"),
        help_text=_("Alleen nodig als de activiteit voor genodigden is."),
    )

    class Meta:
        model = Activity
        fields = [
            "kind",
            "title",
            "description",
            "starts_at",
            "ends_at",
            "venue",
            "online_link",
            "host_organisation",
            "audience",
            "group",
            "invitees",
            "capacity",
            "registration_deadline",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "registration_deadline": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = Venue.objects.filter(network=network)
        self.fields["group"].queryset = Group.objects.filter(network=network)
        self.fields["host_organisation"].queryset = Organisation.objects.filter(
            partnerships__network=network, partnerships__status__in=MEMBER_STATUSES
        ).order_by("name")
        self.fields["invitees"].queryset = network_contacts(network)

    def clean(self):
        data = super().clean()
        if data.get("audience") == "invite_list" and not data.get("invitees"):
            self.add_error("invitees", _("Kies wie er uitgenodigd zijn."))
        return data


SpeakerFormSet = forms.inlineformset_factory(
    Activity, Speaker, fields=["name", "organisation", "topic"], extra=2, can_delete=True
)
SegmentFormSet = forms.inlineformset_factory(Activity, Segment, fields=["name", "seats"], extra=1, can_delete=True)


class VenueForm(forms.ModelForm):
    class Meta:
        model = Venue
        fields = ["name", "address", "room", "accessibility"]
        widgets = {"accessibility": forms.Textarea(attrs={"rows": 3})}


class RegistrationForm(forms.Form):
    """The backoffice registers someone: a partner's contact, or anyone by name and email address."""

    contact = ContactChoiceField(
        queryset=Contact.objects.none(), required=False, label=_("Contactpersoon van een partner")
    )
    name = forms.CharField(label=_("Of: naam"), max_length=200, required=False)
    email = forms.EmailField(label=_("en e-mailadres"), required=False)
    segment = forms.ModelChoiceField(
        queryset=Segment.objects.none(), required=False, label=_("Op een gereserveerde plaats voor")
    )

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = network_contacts(activity.network_id)
        self.fields["segment"].queryset = Segment.objects.filter(activity=activity)
        if not self.fields["segment"].queryset.exists():
            del self.fields["segment"]

    def clean(self):
        data = super().clean()
        contact = data.get("contact")
        if contact is not None:
            if not contact.email:
                self.add_error("contact", _("Van deze contactpersoon is geen e-mailadres bekend."))
            data["name"], data["email"], data["organisation"] = contact.name, contact.email, contact.organisation
            return data
        if not data.get("name") and "name" not in self.errors:
            self.add_error("name", _("Kies een contactpersoon of vul een naam in."))
        if not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Kies een contactpersoon of vul een e-mailadres in."))
        data["organisation"] = None
        return data


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(choices=Attendance.choices)


class OutcomesForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["outcomes"]
        widgets = {"outcomes": forms.Textarea(attrs={"rows": 5})}


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class FollowUpForm(forms.ModelForm):
    owner = UserChoiceField(queryset=get_user_model().objects.none(), label=_("Eigenaar"))

    class Meta:
        model = FollowUp
        fields = ["description", "owner", "due_date"]
        widgets = {"due_date": DateInput()}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = (
            get_user_model().objects.filter(memberships__network=network).order_by("first_name", "last_name")
        )


class ActivityFilterForm(forms.Form):
    when = forms.ChoiceField(
        label=_("Wanneer"),
        choices=[("upcoming", _("Komende")), ("past", _("Geweest"))],
        required=False,
    )


class GroupForm(forms.ModelForm):
    lead = ContactChoiceField(queryset=Contact.objects.none(), required=False, label=_("Kartrekker"))
    members = ContactMultipleChoiceField(queryset=Contact.objects.none(), required=False, label=_("Leden"))

    class Meta:
        model = Group
        fields = ["kind", "name", "purpose", "lead", "members", "status"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = network_contacts(network)
        self.fields["members"].queryset = network_contacts(network)
        self.fields["members"].widget.attrs["size"] = 10


class GroupUpdateForm(forms.ModelForm):
    class Meta:
        model = GroupUpdate
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["title", "starts_at", "ends_at", "venue", "online_link", "description"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].queryset = Venue.objects.filter(network=network)
        self.initial.setdefault("title", _("Kerngroepvergadering"))


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["section", "title"]


class MinutesForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["minutes", "decision"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 3}), "decision": forms.Textarea(attrs={"rows": 2})}
