from django import forms
from django.core.validators import MaxValueValidator


class SearchForm(forms.Form):
    q = forms.CharField(label="Title", max_length=100, strip=True)


class AddForm(forms.Form):
    """The editor's choices on the preview: seasons, which same-named people are the catalogue's
    (the others are created), and how many of the first billed lead."""

    seasons = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one season to add."},
    )
    confirmed = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="These people here are the catalogue's",
    )
    leads = forms.IntegerField(label="Leads (the first billed)", min_value=0)

    def __init__(self, plan, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seasons"].choices = [
            (s.number, f"{s.title} ({s.episode_count} episodes)") for s in plan.seasons
        ]
        self.fields["confirmed"].choices = [
            (
                m.catalogue_id,
                f"{m.name} — use the existing person {m.by_name.name} (#{m.by_name.pk})",
            )
            for m in plan.to_confirm
        ]
        self.fields["leads"].validators.append(MaxValueValidator(len(plan.people)))
