"""What the beacon keeps of the referrer (the domain only) and which user agents are robots."""

import pytest

from readership.visitors import is_robot, referring_domain


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("www.google.com", "google.com"),
        ("News.Example.ORG.", "news.example.org"),
        ("https://t.co/abc?x=1#y", "t.co"),
        ("https://user:secret@forum.example:8443/thread/9", "forum.example"),
        ("bücher.de", "xn--bcher-kva.de"),
        ("", ""),
        ("not a domain", ""),
        ("<script>alert(1)</script>", ""),
        ("a" * 300 + ".com", ""),
        ("x" * 5000, ""),
        ("-bad-.example", ""),
        ("http://[::1", ""),
        ("\x00.example", ""),
    ],
)
def test_only_a_clean_domain_is_kept_of_the_referrer(sent, kept):
    assert referring_domain(sent) == kept


@pytest.mark.parametrize(
    "agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0 Safari/537.36",
        "curl/8.5.0",
        "python-requests/2.32",
    ],
)
def test_robots_and_clients_without_a_user_agent_are_robots(agent):
    assert is_robot(agent)


def test_a_phone_browser_is_a_reader():
    assert not is_robot(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
    )
