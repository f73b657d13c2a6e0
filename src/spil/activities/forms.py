import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from spil.core.forms import DateInput, DateTimeInput, ModelChoicesField, SensibleDates
from spil.core.permissions import RULES, Action
from spil.partners.models import MEMBER_STATUSES, Contact, Organisation, Partnership

from .models import (
    Activity,
    AgendaItem,
    Attendance,
    FollowUp,
    Group,
    GroupStatus,
    GroupUpdate,
    Segment,
    Speaker,
    Table,
    TableParticipant,
    TableSession,
    Venue,
)


def network_contacts(network):
    """Contacts of the network's member partners, with their organisation."""
    return (
        Contact.objects.filter(
            organisation__partnerships__network=network, organisation__partnerships__status__in=MEMBER_STATUSES
        )
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )


def network_organisations(network):
    return Organisation.objects.filter(
        partnerships__network=network, partnerships__status__in=MEMBER_STATUSES
    ).order_by("name")


class SuggestInput(forms.TextInput):
    """A text input whose suggestions (a <datalist>) are fetched with htmx while typing.

    A network has thousands of contacts: a <select> of all of them would be slow and unusable.
    """

    template_name = "activities/widgets/suggest.html"

    def __init__(self, url: str = "", attrs=None):
        super().__init__(attrs)
        self.url = url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        options_id = f"{widget_attrs.get('id', name)}-options"
        widget_attrs.update(
            {
                "list": options_id,
                "autocomplete": "off",
                "hx-get": self.url,
                "hx-trigger": "input changed delay:250ms",
                "hx-target": f"#{options_id}",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        )
        context["widget"]["options_id"] = options_id
        return context


def _emails(text: str) -> list[str]:
    return [part for part in re.split(r"[\s,;]+", text or "") if part]


class ContactByEmailField(forms.EmailField):
    """A partner's contact in the network, given by email address (with suggestions while typing).

    `current` is the contact the field holds now. It is shown as its email address (or, without one, as its
    name) and stays when that text comes back unchanged, without being checked again: a contact whose partner
    has left, or whose address another contact shares, is kept until someone types another one.
    """

    def __init__(self, *, network=None, url="", current: Contact | None = None, **kwargs):
        self.network = network
        self.current = current
        super().__init__(widget=SuggestInput(url), **kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            value = (
                self.current if self.current and self.current.pk == value else Contact.objects.filter(pk=value).first()
            )
        return contact_label(value) if isinstance(value, Contact) else value

    def clean(self, value):
        if self.current is not None and (value or "").strip().lower() == contact_label(self.current).lower():
            return self.current
        email = super().clean(value)
        if not email:
            return None
        contact = network_contacts(self.network).filter(email__iexact=email).first()
        if contact is None:
            raise ValidationError(_("Er is geen contactpersoon van een partner met dit e-mailadres."))
        return contact


def contact_label(contact: Contact) -> str:
    """How a contact is written in an email address field: the address, or the name when it has none."""
    return contact.email or contact.name


class ContactsByEmailField(forms.CharField):
    """Several partner contacts, as email addresses: one per line, or pasted from a spreadsheet column."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, *, network=None, **kwargs):
        self.network = network
        kwargs.setdefault(
            "help_text", _("E-mailadressen van contactpersonen van partners, één per regel (plakken uit Excel kan).")
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, str) or value is None:
            return value
        return "\n".join(contact.email if isinstance(contact, Contact) else str(contact) for contact in value)

    def clean(self, value):
        emails = _emails(super().clean(value))
        if not emails:
            return []
        wanted = {email.lower() for email in emails}
        invalid = [email for email in emails if not _valid_email(email)]
        if invalid:
            raise ValidationError(_("Geen geldig e-mailadres: %(emails)s") % {"emails": ", ".join(invalid)})
        # Every contact with the address: contacts who share one (a team mailbox) are never dropped.
        found = {}
        for contact in network_contacts(self.network).filter(email__iregex=_any_of(wanted)):
            found.setdefault(contact.email.lower(), {}).setdefault(contact.pk, contact)
        unknown = [email for email in emails if email.lower() not in found]
        if unknown:
            raise ValidationError(_("Geen contactpersoon van een partner: %(emails)s") % {"emails": ", ".join(unknown)})
        return [contact for contacts in found.values() for contact in contacts.values()]


def _valid_email(email: str) -> bool:
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True


def _any_of(emails) -> str:
    return "^(" + "|".join(re.escape(email) for email in sorted(emails)) + ")$"


def with_partner_status(contacts, network_id: int):
    """Contacts annotated with `partner_current`: their organisation is (still) a member partner of the network."""
    current = Partnership.objects.filter(
        network_id=network_id, organisation_id=OuterRef("organisation_id"), status__in=MEMBER_STATUSES
    )
    return contacts.select_related("organisation").annotate(partner_current=Exists(current))


def partner_left(contact: Contact, network) -> bool:
    """The contact's organisation is no (longer a) member partner of the network."""
    return not network_contacts(network).filter(pk=contact.pk).exists()


class MemberChoiceField(ModelChoicesField):
    """A group's members as checkboxes, each with what the email address field cannot show."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        notes = [obj.email or gettext("geen e-mailadres")]
        if not getattr(obj, "partner_current", True):
            notes.append(gettext("partner vertrokken"))
        return f"{obj.name} ({obj.organisation.name}) – {', '.join(notes)}"


class OrganisationByNameField(forms.CharField):
    """A member organisation of the network, given by name (with suggestions while typing)."""

    def __init__(self, *, network=None, url="", **kwargs):
        self.network = network
        super().__init__(widget=SuggestInput(url), **kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            value = Organisation.objects.filter(pk=value).first()
        return organisation_label(value) if isinstance(value, Organisation) else value

    def clean(self, value):
        text = super().clean(value).strip()
        if not text:
            return None
        organisations = network_organisations(self.network)
        name, _sep, kvk = text.partition(KVK_SEPARATOR)
        if kvk:
            organisations = organisations.filter(kvk_number=kvk.strip())
        matches = list(organisations.filter(name__iexact=name.strip())[:2])
        if not matches:
            raise ValidationError(_("Er is geen partner met deze naam in het netwerk."))
        if len(matches) > 1:
            raise ValidationError(_("Meerdere partners heten zo; kies er een uit de suggesties (met KvK-nummer)."))
        return matches[0]


KVK_SEPARATOR = " · KvK "


def organisation_label(organisation: Organisation) -> str:
    if organisation.kvk_number:
        return f"{organisation.name}{KVK_SEPARATOR}{organisation.kvk_number}"
    return organisation.name


class ActivityForm(SensibleDates, forms.ModelForm):
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
            "reminder_days",
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
        self.fields["group"].queryset = Group.objects.filter(network=network).exclude(
            ~Q(pk=self.instance.group_id), status=GroupStatus.ENDED
        )
        self.fields["host_organisation"] = OrganisationByNameField(
            network=network,
            url=reverse("activities:suggest_organisations", args=[network.slug]),
            required=False,
            label=_("Gastheer"),
            help_text=_("Typ de naam van een partner."),
        )
        self.fields["invitees"] = ContactsByEmailField(network=network, required=False, label=_("Genodigden"))
        if self.instance.pk and not self.is_bound:
            self.initial["invitees"] = list(self.instance.invitees.all())

    def clean(self):
        data = super().clean()
        if data.get("audience") == "invite_list" and not data.get("invitees") and "invitees" not in self.errors:
            self.add_error("invitees", _("Vul in wie er uitgenodigd zijn."))
        return data


# At most this many speakers and seat segments per activity. Django would otherwise build up to a
# thousand forms for whatever count a request claims (seconds of work for one bad request).
MAX_SPEAKERS, MAX_SEGMENTS = 20, 10


class _SpeakerRows(forms.BaseInlineFormSet):
    default_error_messages = {"too_many_forms": _("Vul hoogstens %(num)d sprekers in.")}


class _SegmentRows(forms.BaseInlineFormSet):
    default_error_messages = {"too_many_forms": _("Vul hoogstens %(num)d soorten gereserveerde plaatsen in.")}


SpeakerFormSet = forms.inlineformset_factory(
    Activity,
    Speaker,
    formset=_SpeakerRows,
    fields=["name", "organisation", "topic"],
    extra=2,
    can_delete=True,
    max_num=MAX_SPEAKERS,
    absolute_max=MAX_SPEAKERS,
    validate_max=True,
)
SegmentFormSet = forms.inlineformset_factory(
    Activity,
    Segment,
    formset=_SegmentRows,
    fields=["name", "seats"],
    extra=1,
    can_delete=True,
    max_num=MAX_SEGMENTS,
    absolute_max=MAX_SEGMENTS,
    validate_max=True,
)


class VenueForm(forms.ModelForm):
    class Meta:
        model = Venue
        fields = ["name", "address", "room", "accessibility"]
        widgets = {"accessibility": forms.Textarea(attrs={"rows": 3})}


class RegistrationForm(forms.Form):
    """The backoffice registers someone: a partner's contact by email address, or anyone with a name."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Typ een naam of e-mailadres: contactpersonen van partners worden voorgesteld."),
    )
    name = forms.CharField(
        label=_("Naam"),
        max_length=200,
        required=False,
        help_text=_("Alleen nodig als het geen contactpersoon van een partner is, bijvoorbeeld een werkzoekende."),
    )
    segment = forms.ModelChoiceField(
        queryset=Segment.objects.none(), required=False, label=_("Op een gereserveerde plaats voor")
    )

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity
        self.network = activity.network
        self.fields["email"].widget = SuggestInput(
            reverse("activities:suggest_contacts", args=[activity.network.slug]), attrs={"inputmode": "email"}
        )
        self.fields["segment"].queryset = Segment.objects.filter(activity=activity)
        if not self.fields["segment"].queryset.exists():
            del self.fields["segment"]

    def clean(self):
        data = super().clean()
        email = data.get("email")
        if not email:
            return data
        contact = network_contacts(self.network).filter(email__iexact=email).first()
        if contact is not None:
            data["name"] = data.get("name") or contact.name
            data["organisation"] = contact.organisation
            return data
        if data.get("name") or "name" in self.errors:
            data["organisation"] = None
            return data
        earlier = self.activity.registrations.filter(email__iexact=email).first()
        if earlier is None:
            self.add_error(
                "name", _("Vul de naam in: dit e-mailadres hoort niet bij een contactpersoon van een partner.")
            )
            data["organisation"] = None
            return data
        data["name"], data["organisation"] = earlier.name, earlier.organisation  # on the waiting list, say
        return data

    def person(self) -> dict:
        """The person to register, as the registration services take them."""
        data = self.cleaned_data
        segment = data.get("segment")
        return {
            "name": data["name"],
            "email": data["email"],
            "organisation": data["organisation"],
            "segment_id": segment.pk if segment else None,
        }


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


class FollowUpForm(SensibleDates, forms.ModelForm):
    owner = UserChoiceField(queryset=get_user_model().objects.none(), label=_("Eigenaar"))

    class Meta:
        model = FollowUp
        fields = ["description", "owner", "due_date"]
        widgets = {"due_date": DateInput()}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        # Only people who can see follow-ups can pick theirs up and mark them done.
        self.fields["owner"].queryset = (
            get_user_model()
            .objects.filter(
                is_active=True,
                memberships__network=network,
                memberships__role__in=RULES[Action.VIEW_FOLLOW_UPS],
            )
            .order_by("first_name", "last_name")
        )


class CallOffForm(forms.Form):
    reason = forms.CharField(
        label=_("Toelichting in de e-mail"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld waarom de activiteit niet doorgaat en of er een nieuwe datum komt."),
    )


class ActivityFilterForm(forms.Form):
    when = forms.ChoiceField(
        label=_("Wanneer"),
        choices=[("upcoming", _("Komende")), ("past", _("Geweest"))],
        required=False,
    )


class GroupForm(forms.ModelForm):
    """A group with its kartrekker and members.

    Members are added by email address and removed by ticking them: who is in the group is never checked
    again, so a member without an address, with a shared address or of a partner that left stays until
    removed on purpose.
    """

    remove_members = MemberChoiceField(
        queryset=Contact.objects.none(),
        required=False,
        label=_("Leden verwijderen"),
        help_text=_("Vink aan wie geen lid meer is."),
    )

    class Meta:
        model = Group
        fields = ["kind", "name", "purpose", "lead", "status"]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        editing = self.instance.pk is not None
        lead = self.instance.lead if editing else None
        help_text = _("E-mailadres van de kartrekker; typ een naam voor suggesties.")
        if lead is not None and partner_left(lead, network):
            help_text = format_lazy("{} {}", help_text, _("De partner van de huidige kartrekker is vertrokken."))
        self.fields["lead"] = ContactByEmailField(
            network=network,
            url=reverse("activities:suggest_contacts", args=[network.slug]),
            current=lead,
            required=False,
            label=_("Kartrekker"),
            help_text=help_text,
        )
        self.fields["members"] = ContactsByEmailField(
            network=network, required=False, label=_("Leden toevoegen") if editing else _("Leden")
        )
        if editing and self.instance.members.exists():
            members = with_partner_status(self.instance.members.all(), network.pk)
            self.fields["remove_members"].queryset = members.order_by("organisation__name", "name")
        else:
            del self.fields["remove_members"]
        self.order_fields(["kind", "name", "purpose", "lead", "remove_members", "members", "status"])


class GroupUpdateForm(forms.ModelForm):
    class Meta:
        model = GroupUpdate
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class MeetingForm(SensibleDates, forms.ModelForm):
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


class TableSessionForm(forms.ModelForm):
    class Meta:
        model = TableSession
        fields = ["rounds", "seats_per_table"]


class TableForm(forms.ModelForm):
    hosts = forms.CharField(
        label=_("Vaste gasten aan deze tafel"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén per regel: naam, organisatie. Bijvoorbeeld: Erwin Jansma, Gemeente Baarn"),
    )

    class Meta:
        model = Table
        fields = ["brought_by", "question"]
        widgets = {"question": forms.Textarea(attrs={"rows": 3})}

    def clean_hosts(self):
        hosts = []
        for line in self.cleaned_data["hosts"].splitlines():
            if line.strip():
                name, _sep, organisation = line.partition(",")
                if not name.strip():
                    raise ValidationError(_("Elke regel begint met een naam."))
                hosts.append((name.strip()[:200], organisation.strip()[:200]))
        if not hosts:
            raise ValidationError(_("Vul ten minste één vaste gast in."))
        return hosts


class GuestForm(forms.ModelForm):
    class Meta:
        model = TableParticipant
        fields = ["name", "organisation", "pinned_table"]

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pinned_table"].queryset = session.tables.all()
        self.fields["pinned_table"].required = False


class MoveForm(forms.Form):
    round = forms.IntegerField(min_value=0)
    participant = forms.ModelChoiceField(queryset=TableParticipant.objects.none())
    table = forms.ModelChoiceField(queryset=Table.objects.none())

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = session.participants.filter(role="guest")
        self.fields["table"].queryset = session.tables.all()


class ResultsForm(forms.ModelForm):
    class Meta:
        model = TableSession
        fields = ["summary", "published"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}
