"""Editor rich text: one field type whose HTML is sanitised on every save, and one filter that
renders it. Nothing else in Episodic marks editor text as safe."""

from django.utils.safestring import mark_safe
from django_prose_editor.fields import ProseEditorField, create_sanitizer

EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Underline": True,
    "Heading": {"levels": [3, 4]},
    "BulletList": True,
    "ListItem": True,
    "OrderedList": True,
    "Blockquote": True,
    "HardBreak": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
}

sanitize = create_sanitizer(EXTENSIONS)


class RichTextField(ProseEditorField):
    """A ProseEditorField whose value is sanitised in `pre_save` as well as in form cleaning,
    so `objects.create()`, `save()` and `bulk_create()` cannot store markup the editor
    could not have produced."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", EXTENSIONS)
        kwargs.setdefault("sanitize", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = self.sanitize(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value


def render(html):
    """Sanitise again on output (older rows, raw SQL imports) and mark the result safe."""
    return mark_safe(sanitize(html or ""))
