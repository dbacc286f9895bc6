"""The mail followers get, spoiler-safe by construction: subjects and preview texts name the
show and the episode number only, never a recap's subtitle, verdict or text; the body quotes
the intro (without its spoiler passages, core.spoiler_passages) and shows the lead still only when
the editor marked the recap spoiler-free above the fold, and a fixed teaser otherwise.

An alert is rendered once per recap with placeholders for each reader's own links; the
placeholders are plain words that HTML escaping leaves as they are."""

import email.policy
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from core import spoiler_passages
from core.richtext import sanitize, text_without_spoiler_passages
from sitesettings.models import SiteSettings

from . import links

MANAGE = "FOLLOWSMANAGEURL"
UNSUBSCRIBE = "FOLLOWSUNSUBSCRIBEURL"
#: Width of the mail's column and of the lead still in it, in CSS pixels.
COLUMN = 600


def episode_label(recap):
    return f"{recap.episode.show.title}, episode {recap.episode.number}"


def alert_subject(recap):
    return f"{episode_label(recap)}: the recap is up"


def alert_preview(recap):
    return (
        f"A new recap of {recap.episode.show.title} episode {recap.episode.number}. "
        "No spoilers in this mail."
    )


def lead_still(recap):
    """The recap's hero still (else its first) as a rendition sized for the mail column:
    (url, width, height, alt) or None."""
    still = recap.stills.filter(is_hero=True).first() or recap.stills.first()
    if still is None or not still.width or not still.height:
        return None
    try:
        url = still.jpeg_800.url
    except (OSError, ValueError):
        return None
    if not url.startswith(("http://", "https://")):
        url = links.absolute(url)
    width = min(COLUMN, still.width)
    return {
        "url": url,
        "width": width,
        "height": round(still.height * width / still.width),
        "alt": still.alt_text,
    }


def common_context():
    site = SiteSettings.load()
    return {
        "site_name": site.site_name,
        "site_url": settings.FOLLOWS_SITE_URL,
        "postal_address": site.postal_address,
        "manage_url": MANAGE,
        "unsubscribe_url": UNSUBSCRIBE,
    }


def recap_context(recap):
    safe = recap.intro_spoiler_free
    # Sanitised again (as core.richtext.render does), its spoiler passages left out.
    intro_html = (
        mark_safe(spoiler_passages.remove(sanitize(recap.intro))) if safe and recap.intro else ""
    )
    return {
        "recap": recap,
        "show_title": recap.episode.show.title,
        "number": recap.episode.number,
        "url": links.absolute(recap.get_absolute_url()),
        "intro_html": intro_html,
        "intro_text": text_without_spoiler_passages(recap.intro) if intro_html else "",
        "still": lead_still(recap) if safe else None,
    }


class Rendered:
    """Subject, preview, text and HTML of one mail, with placeholders for a reader's links."""

    def __init__(self, subject, preview, template, context):
        self.subject = subject
        context = {**common_context(), **context, "subject": subject, "preview": preview}
        self.text = render_to_string(f"follows/email/{template}.txt", context)
        self.html = render_to_string(f"follows/email/{template}.html", context)

    def message_for(self, follower_pk, address, link_key):
        """The message to one follower, with its own manage and unsubscribe links."""
        token = links.token_for(follower_pk, link_key)
        manage = links.absolute(reverse("follows:manage", args=[token]))
        unsubscribe = links.absolute(reverse("follows:unsubscribe", args=[token]))

        def fill(body):
            return body.replace(MANAGE, manage).replace(UNSUBSCRIBE, unsubscribe)

        return build(address, self.subject, fill(self.text), fill(self.html), unsubscribe)


class FollowerMessage(EmailMultiAlternatives):
    """Headers written out unfolded up to RFC 5322's 998 characters: a long List-Unsubscribe
    URL folded by Python's default policy comes out as an RFC 2047 encoded word, which mail
    clients do not read as a URL. (The bodies are encoded before, under the default policy.)"""

    def message(self, *, policy=email.policy.default):
        built = super().message(policy=policy)
        built.policy = policy.clone(max_line_length=998)
        return built


def build(address, subject, text, html, unsubscribe_url):
    domain = settings.FOLLOWS_MAIL_DOMAIN
    headers = {
        "Message-ID": make_msgid(domain=domain),
        "List-Id": f"{SiteSettings.load().site_name} followers <followers.{domain}>",
        "Auto-Submitted": "auto-generated",
    }
    if unsubscribe_url:
        mailto = f"mailto:{settings.FOLLOWS_UNSUBSCRIBE_MAILTO}?subject=unsubscribe"
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>, <{mailto}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = FollowerMessage(
        subject, text, settings.FOLLOWS_FROM_EMAIL, [address], headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message


def alert(recap):
    context = recap_context(recap)
    return Rendered(
        alert_subject(recap), alert_preview(recap), "alert", {**context, "recap_item": context}
    )


def digest(recaps, follower):
    shows = sorted({recap.episode.show.title for recap in recaps})
    subject = f"Your weekly recaps: {len(recaps)} new ({', '.join(shows)})"
    if len(subject) > 120:
        subject = f"Your weekly recaps: {len(recaps)} new from {len(shows)} shows"
    preview = "New recaps of the shows you follow. No spoilers in this mail."
    items = [recap_context(recap) for recap in recaps]
    return Rendered(subject, preview, "digest", {"items": items, "follower": follower})


def confirmation(follow, time_zone=None):
    what = follow.what
    context = {
        **common_context(),
        # No links of a follower yet: the address is not confirmed.
        "manage_url": "",
        "unsubscribe_url": "",
        "what": what,
        "confirm_url": links.confirm_url(follow),
        "days": settings.FOLLOWS_CONFIRM_MAX_AGE // 86400,
    }
    subject = f"Confirm: follow {what} on {context['site_name']}"
    context["subject"] = subject
    context["preview"] = "One click and you are in. Ignore this mail and nothing happens."
    text = render_to_string("follows/email/confirm.txt", context)
    html = render_to_string("follows/email/confirm.html", context)
    return build(follow.follower.email, subject, text, html, None)
