from decimal import Decimal

from django import forms

from shows.models import Show

from . import actions
from .board import DeskState


class VersionForm(forms.Form):
    """What every desk form posts: the version of the assignment the page showed."""

    version = forms.IntegerField(min_value=0, max_value=2**31 - 1)


class AssignForm(VersionForm):
    writer = forms.ModelChoiceField(queryset=None, required=False)
    reviewer = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["writer"].queryset = actions.writers()
        self.fields["reviewer"].queryset = actions.reviewers()


class SkipForm(VersionForm):
    skipped = forms.BooleanField(required=False)


class RelativeForm(forms.Form):
    hours = forms.DecimalField(
        min_value=Decimal(0), max_value=Decimal(720), decimal_places=2, label="Hours after airing"
    )
    episode = forms.IntegerField(min_value=1, max_value=32767, label="Episode")
    confirm_warnings = forms.BooleanField(required=False)


class FilterForm(forms.Form):
    mine = forms.BooleanField(required=False, label="My assignments")
    show = forms.ModelChoiceField(
        queryset=Show.objects.only("title"), required=False, empty_label="All shows"
    )
    state = forms.ChoiceField(choices=[("", "All states"), *DeskState.choices], required=False)

    def keep(self, rows, user):
        if not self.is_valid():
            return rows
        data = self.cleaned_data
        if data["mine"]:
            rows = [row for row in rows if row.involves(user)]
        if data["show"]:
            rows = [row for row in rows if row.episode.show_id == data["show"].pk]
        if data["state"]:
            rows = [row for row in rows if row.state == data["state"]]
        return rows
