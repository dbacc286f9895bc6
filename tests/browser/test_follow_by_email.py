"""A reader follows The Last of Us on the demo by e-mail, in Chromium: the form on the show's
page, the confirmation link from the mail at a real SMTP server, the confirm button; the draft
recap is published and its alert reaches the reader with a spoiler-safe subject; the mail's
one-click unsubscribe (RFC 8058) works. The forms are looked at at 390 and 1280 px."""

import email
import email.policy
import re

import pytest
from django.utils import timezone

from follows.models import Follower
from recaps.models import Recap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HUB = "/shows/the-last-of-us/"


@pytest.fixture
def mail_to_sink(settings, smtp_sink, demo_site):
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": smtp_sink.port, "use_tls": False},
        }
    }
    settings.FOLLOWS_SITE_URL = demo_site
    settings.FOLLOWS_SEND_RATE = 0
    return smtp_sink


def mails_to(sink, address):
    return [
        email.message_from_bytes(content, policy=email.policy.default)
        for recipients, content in sink.messages
        if address in recipients
    ]


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def test_follow_confirm_get_the_alert_and_unsubscribe_in_one_click(
    reader, demo_site, mail_to_sink, screenshot
):
    sink = mail_to_sink
    reader.goto(demo_site + HUB)
    form = reader.locator("section.follow").first
    assert "Follow The Last of Us by e-mail" in form.inner_text()
    screenshot(reader, "follow-form-hub-1280", width=1280)
    form.scroll_into_view_if_needed()
    screenshot(reader, "follow-form-hub-390", width=390)
    form.get_by_label("Your e-mail address").fill("ellie@example.com")
    # The browser's time zone went into the hidden field.
    assert form.locator("input[name=time_zone]").input_value()
    with reader.expect_navigation():
        form.get_by_role("button", name="Follow").click()
    assert reader.get_by_role("heading", name="Check your inbox").is_visible()

    [confirmation] = mails_to(sink, "ellie@example.com")
    link = re.search(r"http://\S+/follow/confirm/\S+/", text_of(confirmation))[0]
    reader.goto(link)
    with reader.expect_navigation():
        reader.get_by_role("button", name="Yes, follow The Last of Us").click()
    assert reader.get_by_role("heading", name="You're following The Last of Us").is_visible()
    screenshot(reader, "follow-confirmed-390", width=390)

    draft = Recap.objects.get(slug="the-last-of-us-episode-2-recap-review")
    draft.status, draft.published_at = Recap.Status.PUBLISHED, timezone.now()
    draft.save()

    [alert] = mails_to(sink, "ellie@example.com")[1:]  # after the confirmation
    assert alert["Subject"] == "The Last of Us, episode 2: the recap is up"
    body = text_of(alert) + alert.get_body(preferencelist=("html",)).get_content()
    assert draft.subtitle not in alert["Subject"] + body
    assert "Tess" not in body
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The mail as a client shows it (its own page: inline styles, a table layout).
    mail_page = reader.context.new_page()
    mail_page.set_content(alert.get_body(preferencelist=("html",)).get_content())
    for width in (390, 1280):
        screenshot(mail_page, f"follow-alert-mail-{width}", width=width)
    assert mail_page.get_by_role("link", name="Read the recap of episode 2").is_visible()
    mail_page.close()

    # The recap the mail links to is live for the reader.
    recap_url = re.search(r"Read it: (\S+)", text_of(alert))[1]
    reader.goto(recap_url)
    assert "Tess Makes Her Stand" in reader.title()
    follow_at_end = reader.locator("section.follow").first
    assert "Follow The Last of Us by e-mail" in follow_at_end.inner_text()
    follow_at_end.scroll_into_view_if_needed()
    screenshot(reader, "follow-form-recap-390", width=390)

    # The manage page every mail links to.
    manage = re.search(r"Manage what you follow: (\S+)", text_of(alert))[1]
    reader.goto(manage)
    assert reader.get_by_role("heading", name="Your follows").is_visible()
    assert reader.get_by_role("rowheader", name="The Last of Us").is_visible()
    screenshot(reader, "follow-manage-390", width=390)
    screenshot(reader, "follow-manage-1280", width=1280)

    # RFC 8058: the mail client POSTs the List-Unsubscribe address; nothing else is needed.
    unsubscribe = re.match(r"<([^>]+)>", alert["List-Unsubscribe"])[1]
    answer = reader.request.post(
        unsubscribe,
        data="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert answer.status == 200
    assert Follower.objects.get(email="ellie@example.com").state == "unsubscribed"


def test_the_footer_follows_everything_at_both_widths(reader, demo_site, screenshot):
    reader.goto(demo_site + "/")
    footer = reader.locator("footer section.follow")
    assert "Follow everything by e-mail" in footer.inner_text()
    for width in (1280, 390):
        reader.set_viewport_size({"width": width, "height": 900})
        footer.scroll_into_view_if_needed()
        box = footer.bounding_box()
        assert box["width"] <= width
        field = footer.get_by_label("Your e-mail address").bounding_box()
        assert field["x"] >= 0 and field["x"] + field["width"] <= width
        screenshot(reader, f"follow-form-footer-{width}", width=width)


def test_an_editor_sends_the_real_alert_to_themselves(page, demo_site, screenshot):
    from django.contrib.auth import get_user_model
    from django.core import mail

    from tests.browser.conftest import ARTIFACTS
    from tests.browser.test_editor_admin import log_in

    get_user_model().objects.create_superuser("editor", "editor@example.com", "pw-editor-123")
    log_in(page, demo_site)
    draft = Recap.objects.get(slug="the-last-of-us-episode-2-recap-review")
    page.goto(f"{demo_site}/admin/recaps/recap/{draft.pk}/change/")
    tools = page.locator(".object-tools")
    screenshot(page, "follow-admin-recap-tools-1280", width=1280)
    tools.screenshot(path=str(ARTIFACTS / "follow-admin-tools.png"))
    with page.expect_navigation():
        tools.get_by_role("button", name="Send a test to me").click()
    assert "A test of the alert is on its way to editor@example.com" in page.inner_text("body")
    [message] = mail.outbox
    assert message.subject == "[Test] The Last of Us, episode 2: the recap is up"
    assert tools.get_by_role("link", name="Follower mail log").is_visible()
