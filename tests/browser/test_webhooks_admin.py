"""An administrator adds a webhook endpoint, copies its secret, sends a test and reads the
delivery log, in a real browser at a phone's width and a desktop's."""

import pytest
from django.contrib.auth import get_user_model
from standardwebhooks import Webhook

from tests.webhooks.conftest import receiver, receiver_server  # noqa: F401 (fixtures)
from webhooks.models import Endpoint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_add_an_endpoint_send_a_test_and_read_the_log(
    page,
    live_server,
    settings,
    receiver,  # noqa: F811 (the fixture imported above)
    screenshot,
):
    get_user_model().objects.create_superuser("admin", "admin@example.com", "pw-admin-123")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "pw-admin-123")
    page.click("input[type=submit]")

    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    page.goto(f"{live_server.url}/admin/webhooks/endpoint/add/")
    page.fill("#id_url", "http://169.254.169.254/latest/meta-data/")
    page.check("input[name=events][value='recap.published']")
    page.click("input[name=_continue]")
    assert "not on the public internet" in page.inner_text(".errorlist")

    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True  # the test's receiver is on 127.0.0.1
    page.fill("#id_url", receiver.url("/hooks"))
    page.fill("#id_description", "Partner app")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    endpoint = Endpoint.objects.get()
    assert endpoint.secret in page.inner_text(".field-signing_secret")

    page.click("text=Send a test message")
    page.wait_for_selector(".messagelist >> text=A test message is on its way")
    screenshot(page, "webhooks-endpoint-1280", width=1280)
    screenshot(page, "webhooks-endpoint-390", width=390)
    (request,) = receiver.received
    assert Webhook(endpoint.secret).verify(request["body"], request["headers"])["type"] == (
        "webhook.test"
    )

    page.set_viewport_size({"width": 1280, "height": 900})
    page.click(".messagelist a >> text=its delivery")
    assert "Delivered" in page.inner_text("#content")
    assert "200" in page.inner_text(".inline-group")
    screenshot(page, "webhooks-delivery-1280", width=1280)
    screenshot(page, "webhooks-delivery-390", width=390)
