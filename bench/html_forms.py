"""Reading a form out of a page and filling it in, as a browser would: for the load test's
simulated readers and editor (bench/locustfile.py). Standard library only: locust imports it."""

import re
from html import unescape
from html.parser import HTMLParser


class FormFields(HTMLParser):
    """The fields of the first form on a page whose action contains `action` or whose id is
    `form_id` (every input, textarea and select with its current value), as a browser would
    send them untouched."""

    def __init__(self, action=None, form_id=None):
        super().__init__(convert_charrefs=True)
        self.action = action
        self.form_id = form_id
        self.inside = False
        self.done = False
        self.fields = []
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done:
            by_action = self.action and self.action in (a.get("action") or "")
            self.inside = bool(by_action or (self.form_id and a.get("id") == self.form_id))
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append([name, a.get("value") or ("on" if kind == "checkbox" else "")])
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
            self.fields.append(self.textarea)
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in a:
            self.fields.append([self.select, a.get("value", "")])

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_fields(html, action=None, form_id=None):
    parser = FormFields(action, form_id)
    parser.feed(html)
    return parser.fields


def form_action(html, contains):
    match = re.search(r'<form[^>]*action="([^"]*' + re.escape(contains) + r'[^"]*)"', html)
    return unescape(match.group(1)) if match else None


def replace(fields, **values):
    """`fields` with each name in `values` set to that value (added if missing)."""
    kept = [(name, value) for name, value in fields if name not in values]
    return kept + list(values.items())
