from django import forms

from shows.models import Show

from .models import Follow, Follower
from .schedule import WEEKDAYS, valid_zone
from .subscriptions import CONSENT_WORDING


class FollowForm(forms.Form):
    """The follow form on a show's page, at the end of its recaps and (for everything) in the
    footer. Every page shows the same form to every reader, so it carries nothing personal:
    the show by slug, the time zone filled in by the browser."""

    email = forms.EmailField(max_length=254, label="Your e-mail address")
    show = forms.SlugField(max_length=200, required=False)
    frequency = forms.ChoiceField(choices=Follow.Frequency, initial=Follow.Frequency.EACH)
    time_zone = forms.CharField(max_length=64, required=False)
    source = forms.ChoiceField(
        choices=[(value, label) for value, label in Follower.Source.choices if value != "demo"]
    )
    wording = forms.ChoiceField(choices=[(version, version) for version in CONSENT_WORDING])

    def clean_show(self):
        slug = self.cleaned_data["show"]
        if not slug:
            return None
        show = Show.objects.filter(slug=slug).first()
        if show is None:
            raise forms.ValidationError("There is no show by that name to follow.")
        return show

    def clean_time_zone(self):
        zone = self.cleaned_data["time_zone"].strip()
        if zone and not valid_zone(zone):
            raise forms.ValidationError("That time zone is not one we know.")
        return zone or "UTC"


class FollowChoiceForm(forms.Form):
    frequency = forms.ChoiceField(choices=Follow.Frequency)
    remove = forms.BooleanField(required=False)


class ManageForm(forms.Form):
    """The follower's own settings on the manage page."""

    digest_weekday = forms.TypedChoiceField(
        choices=list(enumerate(WEEKDAYS)), coerce=int, label="Digest day"
    )
    digest_hour = forms.TypedChoiceField(
        choices=[(hour, f"{hour:02d}:00") for hour in range(24)], coerce=int, label="Digest time"
    )
    time_zone = forms.CharField(max_length=64, label="Time zone")
    paused = forms.BooleanField(required=False, label="Pause all mail for now")

    def clean_time_zone(self):
        zone = self.cleaned_data["time_zone"].strip()
        if not valid_zone(zone):
            raise forms.ValidationError("That time zone is not one we know, e.g. Europe/Berlin.")
        return zone
