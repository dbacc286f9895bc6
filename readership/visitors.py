"""What the beacon accepts from a reader's browser, as pure functions: the referring site's
domain (never more of its address) and whether the user agent is a robot."""

import re
from urllib.parse import urlsplit

from .models import DOMAIN_LENGTH

# Crawlers, link previews, monitoring, command-line clients and headless browsers name
# themselves in their user agent; those that do not are few and the rate limit bounds them.
ROBOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|scrape|fetch|preview|facebookexternalhit|embedly|whatsapp|"
    r"monitor|uptime|pingdom|lighthouse|headless|phantom|python|curl|wget|httpclient|"
    r"okhttp|axios|node-fetch|go-http|java/|libwww|scrapy|\+https?://",
    re.IGNORECASE,
)
LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
# What the beacon reads of the referrer field: a domain, or an address to take the domain of.
MAX_REFERRER_LENGTH = 2048


def is_robot(user_agent):
    """A robot, or a client that sends no user agent at all (browsers always send one)."""
    return not user_agent or ROBOT_USER_AGENT.search(user_agent) is not None


def referring_domain(value):
    """The referring site's domain, lower case, in ASCII (IDNA) and without "www.", from what
    the beacon sent (a host name, or an address whose host is taken); "" when nothing usable
    was sent. Never a path, a query, a port or credentials."""
    value = (value or "").strip()
    if not value or len(value) > MAX_REFERRER_LENGTH:
        return ""
    if "/" in value or "@" in value or ":" in value:
        try:
            value = urlsplit(value if "//" in value else f"//{value}").hostname or ""
        except ValueError:
            return ""
    try:
        domain = value.rstrip(".").encode("idna").decode("ascii").lower()
    except UnicodeError:
        return ""
    domain = domain.removeprefix("www.")
    labels = domain.split(".")
    if len(domain) > DOMAIN_LENGTH or not all(LABEL.fullmatch(label) for label in labels):
        return ""
    return domain
