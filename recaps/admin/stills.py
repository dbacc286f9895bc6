"""The stills inline of the recap form: one hero still per recap, checked on the set, and the
pre-publish checks, which need the stills as they are about to be saved."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.utils.html import format_html

from core.admin import EditorFieldsMixin

from .. import checks, workflow
from ..models import Recap, Still, state_of

ONE_HERO = next(c for c in Still._meta.constraints if c.name == "still_one_hero_per_recap")


class StillForm(forms.ModelForm):
    def clean_image(self):
        image = self.cleaned_data["image"]
        if isinstance(image, FieldFile) and self.instance.width and self.instance.height:
            # No new upload. Django measures an ImageField's file again whenever it is assigned
            # (by the form, then by model validation): every still of the recap would be read
            # from the media storage on each save, and a missing file would crash the save.
            # The width and height stored at upload are the measurement; reuse them.
            image._dimensions_cache = (self.instance.width, self.instance.height)
        return image

    def validate_constraints(self):
        # "One hero still per recap" is a rule about the set of stills, so the formset checks
        # it. Checked row by row against the database, it would refuse moving the hero from one
        # still to another in a single save.
        exclude = self._get_validation_exclusions() | {"is_hero"}
        try:
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            self._update_errors(error)


class StillFormSet(forms.BaseInlineFormSet):
    def _kept_forms(self):
        """The rows that will exist after saving: stored or newly filled in, not deleted."""
        return [
            form
            for form in self.forms
            if (form.instance.pk or form.has_changed()) and not self._should_delete_form(form)
        ]

    def clean(self):
        super().clean()
        heroes = [form for form in self._kept_forms() if form.cleaned_data.get("is_hero")]
        if len(heroes) > 1:
            raise ValidationError(ONE_HERO.violation_error_message, code="one_hero")
        self.prepublish_checks()

    def prepublish_checks(self):
        """When the recap form moves the recap live, or changes a recap that is live or
        scheduled, check it as it is about to be saved: the form's values, these stills, the
        picked Also Read recaps and tags. Errors block the move live, and an edit of a live
        recap that brings a new one; on the move live, warnings block it until "I have read the
        warnings" is ticked."""
        pending = getattr(self.instance, "_workflow_pending", None)
        if not pending or any(form.errors for form in self.forms):
            return
        target = state_of(self.instance.status, self.instance.published_at)
        if target not in workflow.LIVE:
            return
        going_live = target != pending["source"]
        stills = [
            checks.StillFacts(
                form.cleaned_data.get("alt_text") or "",
                bool(form.cleaned_data.get("is_hero")),
                form.cleaned_data.get("caption") or str(number),
            )
            for number, form in enumerate(self._kept_forms(), start=1)
        ]
        result = checks.run_for(
            self.instance,
            self.instance.published_at,
            stills=stills,
            also_read=pending["also_read"],
            tags=pending["tags"],
        )
        if going_live:
            problems = [f"Cannot publish: {error}" for error in result.errors]
        else:
            # Readers already see this recap: an edit may not break what was right before it.
            # Problems it already had (an older recap, say) do not hold up a correction.
            stored = Recap.objects.get(pk=self.instance.pk)
            before = set(checks.run_for(stored, stored.published_at).errors)
            problems = [
                f"Cannot save this live recap: {error}"
                for error in result.errors
                if error not in before
            ]
        if going_live and result.warnings and not pending["confirmed"]:
            problems += [f"Warning: {warning}" for warning in result.warnings]
            problems.append("Tick “I have read the warnings” to publish anyway.")
        if problems:
            raise ValidationError(problems, code="prepublish")

    def save(self, commit=True):
        if commit and self.instance.pk:
            # Take the flag off the stills that lose it before giving it to the new hero, so
            # the database's one-hero constraint holds after every statement.
            heroes = [
                form.instance.pk
                for form in self._kept_forms()
                if form.instance.pk and form.instance.is_hero
            ]
            self.get_queryset().filter(is_hero=True).exclude(pk__in=heroes).update(is_hero=False)
        return super().save(commit)


class StillInline(EditorFieldsMixin, admin.StackedInline):
    model = Still
    form = StillForm
    formset = StillFormSet
    extra = 0
    fields = [
        ("image", "preview"),
        ("alt_text", "caption"),
        ("credit", "section", "order", "is_hero"),
    ]
    readonly_fields = ["preview"]

    @admin.display(description="preview")
    def preview(self, still):
        if not still.pk or not still.image:
            return "—"
        return format_html(
            '<img src="{}" alt="{}" width="240" loading="lazy">',
            still.thumbnail.url,
            still.alt_text,
        )
