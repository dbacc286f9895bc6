"""The endpoint form: the events as checkboxes, and a URL refused at once when it leads to a
private, loopback or link-local address (core.fetch says why); delivery checks it again."""

from django import forms
from django.conf import settings

from core import fetch

from . import sending
from .models import Endpoint, Event


class EndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="The events this endpoint is sent.",
    )

    class Meta:
        model = Endpoint
        fields = ["url", "description", "events", "enabled"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            fetch.check_address(url, trusted_origins=sending.trusted_origins(url))
        except fetch.Refused as error:
            raise forms.ValidationError(
                f"Webhooks are not sent to this address: {error}. Use a public address"
                + (
                    "."
                    if settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES
                    else " (or set EPISODIC_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES for a receiver on "
                    "your own network)."
                ),
                code="refused_address",
            ) from error
        except fetch.FetchError as error:
            raise forms.ValidationError(
                f"This address cannot be reached: {error}.", code="unreachable"
            ) from error
        return url
