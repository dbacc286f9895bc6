"""Editor rich text: one field type whose HTML is sanitised on every save, and one filter that
renders it. Nothing else in Episodic marks editor text as safe."""

from html import unescape

import nh3
from django.contrib.admin.widgets import AdminTextareaWidget
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django_prose_editor.config import allowlist_from_extensions, expand_extensions
from django_prose_editor.fields import ProseEditorField, ProseEditorFormField, _actually_empty
from django_prose_editor.widgets import AdminProseEditorWidget, ProseEditorWidget
from js_asset import Media

from . import spoiler_passages

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
    # "Block style" menu: an editor marks a paragraph as a spoiler passage (core.spoiler_passages).
    "NodeClass": {
        "cssClasses": {
            "paragraph": {
                "title": "Paragraph",
                "cssClasses": [{"className": spoiler_passages.CSS_CLASS, "title": "Spoiler"}],
            }
        }
    },
}


def _only_spoiler_class(tag, attribute, value):
    """NodeClass lets the editor put a class on a paragraph, and the library's allowlist would
    then keep any class: keep exactly `class="spoiler"`, drop every other value."""
    if attribute != "class":
        return value
    css_class = spoiler_passages.CSS_CLASS
    return css_class if css_class in value.split() else None


def _allowlist():
    allowlist = allowlist_from_extensions(expand_extensions(EXTENSIONS))
    # No attribute on every element (nh3 would allow `lang` and `title`): the editor makes
    # none, and `<p class="spoiler">` must be a passage's whole start tag (core.spoiler_passages).
    allowlist["attributes"]["*"] = set()
    return allowlist


_cleaner = nh3.Cleaner(**_allowlist(), attribute_filter=_only_spoiler_class)


def sanitize(html):
    return _actually_empty(_cleaner.clean(html))


class SpoilerPassageStylesMixin:
    """Adds the stylesheet that shows editors which paragraphs are spoiler passages."""

    @property
    def media(self):
        return super().media + Media(css={"all": ["core/admin/richtext.css"]})


class RichTextWidget(SpoilerPassageStylesMixin, ProseEditorWidget):
    pass


class AdminRichTextWidget(SpoilerPassageStylesMixin, AdminProseEditorWidget):
    pass


class RichTextFormField(ProseEditorFormField):
    def __init__(self, *args, widget=None, **kwargs):
        # The admin asks for its textarea (a class or an instance); the library swaps in its
        # admin editor the same way.
        in_admin = isinstance(widget, AdminTextareaWidget) or (
            isinstance(widget, type) and issubclass(widget, AdminTextareaWidget)
        )
        widget = AdminRichTextWidget if in_admin else RichTextWidget
        super().__init__(*args, widget=widget, **kwargs)


class RichTextField(ProseEditorField):
    """A ProseEditorField whose value is sanitised in `pre_save` as well as in form cleaning,
    so `objects.create()`, `save()` and `bulk_create()` cannot store markup the editor
    could not have produced."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", EXTENSIONS)
        kwargs.setdefault("sanitize", sanitize)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = self.sanitize(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": RichTextFormField, **kwargs})


def render(html):
    """Sanitise again on output (older rows, raw SQL imports), collapse spoiler passages and mark
    the result safe."""
    return mark_safe(spoiler_passages.collapse(sanitize(html or "")))


def text_without_spoiler_passages(html):
    """Readable text of rich text, spoiler passages left out: the source of every excerpt,
    description and feed item, where a reader could not keep a passage collapsed."""
    return unescape(strip_tags(spoiler_passages.remove(sanitize(html or "")))).strip()
