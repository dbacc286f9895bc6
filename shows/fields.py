from django import forms
from django.core.exceptions import ValidationError
from django.db import models


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


def validate_weekdays(value):
    if not isinstance(value, list) or not all(
        isinstance(day, int) and day in Weekday.values for day in value
    ):
        raise ValidationError("Choose weekdays from Monday to Sunday.", code="invalid_weekday")
    if len(set(value)) != len(value):
        raise ValidationError("Each weekday can be chosen once.", code="duplicate_weekday")


class WeekdaysField(models.JSONField):
    """A sorted list of weekday numbers (Monday = 0), edited as checkboxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("validators", [validate_weekdays])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=Weekday.choices,
            coerce=int,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
        )

    def pre_save(self, model_instance, add):
        value = sorted(set(getattr(model_instance, self.attname) or []))
        setattr(model_instance, self.attname, value)
        return value
