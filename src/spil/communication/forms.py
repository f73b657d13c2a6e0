from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from spil.activities.models import Activity, Group
from spil.networks.models import Body

from .models import Mailing, MailingAudience
from .services import parse_template

NEEDS = {
    MailingAudience.BODY: "body_ref",
    MailingAudience.GROUP: "group",
    MailingAudience.REGISTERED: "activity",
    MailingAudience.NO_RESPONSE: "activity",
}


class ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{timezone.localtime(obj.starts_at):%d-%m-%Y} {obj.title}"


class MailingForm(forms.ModelForm):
    activity = ActivityChoiceField(queryset=Activity.objects.none(), required=False, label=_("Activiteit"))

    class Meta:
        model = Mailing
        fields = ["kind", "audience", "body_ref", "group", "activity", "subject", "body", "skip_received"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        original = self.instance.copy_of if self.instance.pk else None
        if original is None:
            del self.fields["skip_received"]  # only a copy has an original
        else:
            self.fields["skip_received"].label = _("Niet naar wie „%(subject)s” al kreeg") % {
                "subject": original.subject
            }
        self.fields["body_ref"].queryset = Body.objects.filter(network=network)
        self.fields["group"].queryset = Group.objects.filter(network=network)
        recent = timezone.now() - timedelta(days=60)
        # Recent activities, and the mailing's own (a copy of an older mailing keeps it).
        recent_or_own = Q(ends_at__gte=recent) | Q(pk=self.instance.activity_id)
        self.fields["activity"].queryset = Activity.objects.filter(recent_or_own, network=network).order_by("starts_at")

    def clean(self):
        data = super().clean()
        needed = NEEDS.get(data.get("audience"))
        if needed and not data.get(needed) and needed not in self.errors:
            self.add_error(needed, _("Kies voor deze ontvangers ook dit veld."))
        for field in ("subject", "body"):
            if data.get(field):
                try:
                    parse_template(data[field], field=field)
                except ValidationError as error:
                    self.add_error(None, error)
        return data
