"""The recap admin: editors get the Spoiler block style and its stylesheet, and what they save
keeps the spoiler class and nothing else."""

import json
import re

import pytest
from django.urls import reverse
from model_bakery import baker

from recaps.models import Recap
from tests.admin_forms import form_data

ADD_URL = reverse("admin:recaps_recap_add")


@pytest.fixture
def new_recap(editor_client, soundtrack):
    episode = baker.make("shows.Episode", show=soundtrack, number=4)
    data = form_data(editor_client.get(ADD_URL))
    data.update(episode=str(episode.pk), subtitle="Fresh start", slug="fresh-start")
    return data


def editor_config(html, field):
    textarea = re.search(rf'<textarea[^>]*name="{field}"[^>]*>', html).group(0)
    raw = re.search(r'data-django-prose-editor-configurable="([^"]*)"', textarea).group(1)
    return json.loads(raw.replace("&quot;", '"').replace("&amp;", "&"))


def test_every_rich_text_editor_offers_the_spoiler_style_and_loads_its_stylesheet(editor_client):
    html = editor_client.get(ADD_URL).content.decode()

    assert html.count("/static/core/admin/richtext.css") == 1
    for field in ("intro", "body", "bonus_track", "review"):
        styles = editor_config(html, field)["extensions"]["NodeClass"]["cssClasses"]
        assert styles["paragraph"]["cssClasses"][0]["className"] == "spoiler"


def test_saving_keeps_the_spoiler_class_and_drops_any_other(editor_client, new_recap):
    new_recap["body"] = (
        '<p class="spoiler" style="color:red">Later, she wins.</p>'
        '<p class="lead">Plain.</p><blockquote class="spoiler"><p>Quote.</p></blockquote>'
    )

    response = editor_client.post(ADD_URL, new_recap)

    assert response.status_code == 302
    assert Recap.objects.get(slug="fresh-start").body == (
        '<p class="spoiler">Later, she wins.</p><p>Plain.</p><blockquote><p>Quote.</p></blockquote>'
    )
