import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from core.crossorigin import same_origin_only


@same_origin_only
def change_preference(request):
    return HttpResponse("changed")


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Sec-Fetch-Site": "same-origin"}, 200),
        ({"Sec-Fetch-Site": "none"}, 200),
        ({"Sec-Fetch-Site": "cross-site"}, 403),
        ({"Sec-Fetch-Site": "same-site"}, 403),
        ({"Origin": "http://testserver"}, 200),
        ({"Origin": "https://evil.example"}, 403),
        ({"Origin": "null"}, 403),
        # Not a browser page: no reader's cookies ride along.
        ({}, 200),
    ],
)
def test_posts_from_other_sites_are_refused(db, headers, status):
    request = RequestFactory().post("/", headers=headers)
    response = change_preference(request)
    assert response.status_code == status
    if status == 403:
        assert b"another site" in response.content


def test_reads_are_never_refused():
    request = RequestFactory().get("/", headers={"Sec-Fetch-Site": "cross-site"})
    assert change_preference(request).status_code == 200
