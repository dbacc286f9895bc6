"""Admin hosts (core.admin_site): django-comments-xtd's comments, the closed discussions and the
comment settings under one heading, "Comments and moderation"; taggit's tags under "Recaps"; the
Site row under "Site settings"; axes' and django-tasks-db's under names an editor reads ("Login
lockouts", "Background tasks"); no library's own name in the index, the sidebar or the
breadcrumbs."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

pytestmark = pytest.mark.django_db

RAW_NAMES = ["Taggit", "Comments Xtd", "Django_Comments", "Django Comments"]
# Headings of the libraries' own app configs.
RAW_HEADINGS = ["Axes", "Sites", "Tasks Database Backend", "Tasks database backend", "Otp_Totp"]
RAW_HEADINGS += ["Otp_Static", "OTP WebAuthn"]
COMMENTS = reverse("admin:django_comments_xtd_xtdcomment_changelist")
TAGS = reverse("admin:taggit_tag_changelist")


def headings(html):
    """{heading: [model names]} of the admin index's tables."""
    found = {}
    for table in re.findall(r"<table>.*?</table>", html, re.S):
        heading = re.search(r'<caption>\s*<a [^>]*class="section"[^>]*>(.*?)</a>', table, re.S)
        if heading:
            models = re.findall(r'<th scope="row"[^>]*>\s*(?:<a [^>]*>)?(.*?)<', table, re.S)
            found.setdefault(heading.group(1), []).extend(m.strip() for m in models)
    return found


@pytest.fixture
def moderator(client, django_user_model):
    user = django_user_model.objects.create_user("mod", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return client


def test_the_index_has_one_comments_heading_and_tags_under_recaps(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    found = headings(html)
    assert found["Comments and moderation"] == [
        "Closed discussions",
        "Comment settings",
        "Comments",
    ]
    assert "Tags" in found["Recaps"]
    assert "Recaps" in found["Recaps"]
    for raw in RAW_NAMES:
        assert raw not in html


def test_the_index_heads_lockouts_tasks_and_the_site_row_in_newsroom_words(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    found = headings(html)
    assert found["Login lockouts"] == ["Access attempts", "Access failures", "Access logs"]
    assert found["Background tasks"] == ["Task Results"]
    assert found["Site settings"] == ["Site settings", "Sites"]
    assert found["Staff login"] == ["Static devices", "TOTP devices", "WebAuthn credentials"]
    for raw in RAW_HEADINGS:
        assert raw not in found


def test_a_moderator_sees_the_comments_heading(moderator):
    html = moderator.get(reverse("admin:index")).content.decode()
    assert headings(html) == {"Comments and moderation": ["Closed discussions", "Comments"]}
    assert "Comments Xtd" not in html


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        (COMMENTS, "Comments and moderation"),
        (TAGS, "Recaps"),
        (reverse("admin:discussion_recapdiscussion_changelist"), "Comments and moderation"),
        (reverse("admin:axes_accessattempt_changelist"), "Login lockouts"),
        (reverse("admin:django_tasks_database_dbtaskresult_changelist"), "Background tasks"),
        (reverse("admin:sites_site_changelist"), "Site settings"),
    ],
)
def test_breadcrumbs_and_sidebar_name_the_host_app(admin_client, url, heading):
    html = admin_client.get(url).content.decode()
    breadcrumbs = re.search(r'<ol class="breadcrumbs">(.*?)</ol>', html, re.S).group(1)
    assert heading in breadcrumbs
    for raw in RAW_NAMES:
        assert raw not in html
    # The trail's second step is the host app (the last, the model's own plural, may be "Sites").
    host = re.findall(r"<li>(?:<a [^>]*>)?(.*?)<", breadcrumbs)[1]
    assert host == heading


@pytest.mark.parametrize(
    ("old", "host"),
    [
        ("django_comments_xtd", "discussion"),
        ("taggit", "recaps"),
        ("sites", "sitesettings"),
    ],
)
def test_a_library_index_redirects_to_its_host(admin_client, old, host):
    response = admin_client.get(reverse("admin:app_list", kwargs={"app_label": old}))
    assert response.status_code == 302
    assert response.url == reverse("admin:app_list", kwargs={"app_label": host})


@pytest.mark.parametrize("old", ["otp_totp", "otp_static", "django_otp_webauthn"])
def test_a_library_index_of_a_host_without_models_shows_the_hosts_index(admin_client, old):
    """Staff login (accounts) registers no model of its own, so it has no index address: its
    guests' indexes show its index."""
    response = admin_client.get(reverse("admin:app_list", kwargs={"app_label": old}))
    assert response.status_code == 200
    assert headings(response.content.decode()) == {
        "Staff login": ["Static devices", "TOTP devices", "WebAuthn credentials"]
    }


def test_the_host_index_lists_the_library_models(admin_client):
    html = admin_client.get(reverse("admin:app_list", kwargs={"app_label": "discussion"}))
    found = headings(html.content.decode())
    assert found == {
        "Comments and moderation": ["Closed discussions", "Comment settings", "Comments"]
    }


def test_the_moderation_queue_keeps_its_address(moderator):
    assert COMMENTS == "/admin/django_comments_xtd/xtdcomment/"
    assert moderator.get(COMMENTS).status_code == 200


def test_an_outsider_asking_for_a_library_index_is_sent_to_log_in(client):
    response = client.get(reverse("admin:app_list", kwargs={"app_label": "taggit"}))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize(
    "add", ["admin:discussion_commentsettings_add", "admin:sitesettings_sitesettings_add"]
)
def test_a_moderator_cannot_add_a_settings_row(moderator, add):
    # The settings rows answer "may add" from the cache; the user's permission comes first.
    assert moderator.get(reverse(add)).status_code == 403
