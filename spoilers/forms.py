from django import forms
from django.db.models import Max

from shows.models import Show

from .marks import ALL, MAX_EPISODE_NUMBER


class MarkForm(forms.Form):
    """One show's mark: watched up to an episode, watched it all, or forget the mark."""

    EPISODE, ALL_WATCHED, FORGET = "episode", "all", "forget"

    show = forms.ModelChoiceField(
        queryset=Show.objects.all(),
        error_messages={
            "required": "Choose a show.",
            "invalid_choice": "We could not find that show.",
        },
    )
    action = forms.ChoiceField(
        choices=[(EPISODE, "Watched up to"), (ALL_WATCHED, "Seen it all"), (FORGET, "Forget")],
        required=False,
        error_messages={"invalid_choice": "That is not something this form can do."},
    )
    episode = forms.IntegerField(
        min_value=1,
        max_value=MAX_EPISODE_NUMBER,
        required=False,
        error_messages={
            "invalid": "The episode must be a whole number.",
            "min_value": "Episodes are numbered from 1.",
            "max_value": "There is no episode with that number.",
        },
    )

    def clean(self):
        data = super().clean()
        # A form sent without pressing a button (Enter, or a script) means the episode choice.
        data["action"] = data.get("action") or self.EPISODE
        show = data.get("show")
        if data["action"] != self.EPISODE or show is None or "episode" in self.errors:
            return data
        number = data.get("episode")
        if number is None:
            self.add_error("episode", "Choose the last episode you have watched.")
            return data
        last = last_episode_number(show)
        if number > last:
            self.add_error(
                "episode",
                f"{show.title} has {last} episode{'s' if last != 1 else ''}: "
                f"choose one from 1 to {last}.",
            )
        return data

    def new_marks(self, marks):
        """`marks` with this form's change to its show."""
        show, action = self.cleaned_data["show"], self.cleaned_data["action"]
        if action == self.FORGET:
            return marks.without(show.pk)
        if action == self.ALL_WATCHED:
            return marks.with_mark(show.pk, ALL)
        return marks.with_mark(show.pk, self.cleaned_data["episode"])


def last_episode_number(show):
    """The highest episode number the show has or plans: the episode guide's length."""
    created = show.episodes.aggregate(last=Max("number"))["last"] or 0
    return max(show.planned_episode_count or 0, created)
