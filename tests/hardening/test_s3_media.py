"""Media on S3, the storage the README deploys: django-storages against moto's S3 server, which
the test starts on 127.0.0.1 (tests.s3). A poster and a still uploaded through the admin land
in the bucket with their renditions, reader pages point at the bucket's domain, and deleting
the still in the recap form removes its objects from the bucket. Every object's type is the
one its name says, and names say the format Pillow found in the file."""

import pytest
from django.core.files.base import ContentFile

from recaps.models import Still
from tests import images
from tests.admin_forms import add_inline_rows, form_data, post_still
from tests.s3 import BUCKET, DOMAIN, MotoS3, use_bucket

pytestmark = pytest.mark.django_db


@pytest.fixture
def bucket(settings, monkeypatch, tmp_path, launch):
    return use_bucket(launch(MotoS3(tmp_path)), settings, monkeypatch)


def keys(s3):
    return {item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_a_poster_and_a_still_uploaded_in_the_admin_land_in_the_bucket(
    bucket, editor_client, site_content, client, django_capture_on_commit_callbacks
):
    recap = site_content
    show = recap.episode.show
    url = f"/admin/shows/show/{show.pk}/change/"
    data = form_data(editor_client.get(url), "show_form")
    data["poster"] = images.upload("poster.jpg", images.jpeg_bytes(600, 900))
    assert editor_client.post(url, data).status_code == 302
    show.refresh_from_db()
    stored = keys(bucket)
    assert show.poster.name in stored
    assert show.webp_480.name in stored and show.jpeg_240.name in stored

    url = f"/admin/recaps/recap/{recap.pk}/change/"
    data = add_inline_rows(
        form_data(editor_client.get(url), "recap_form"),
        "stills",
        {
            "image": images.upload("rain.jpg", images.jpeg_bytes(1240, 698)),
            "alt_text": "Two people at a piano in the rain",
            "caption": "Still From Soundtrack #2 Episode 1",
        },
    )
    assert editor_client.post(url, data).status_code == 302
    still = recap.stills.get(alt_text="Two people at a piano in the rain")
    stored = keys(bucket)
    assert still.image.name in stored
    for width in still.RENDITION_WIDTHS:
        assert getattr(still, f"webp_{width}").name in stored
        assert getattr(still, f"jpeg_{width}").name in stored

    page = client.get(recap.get_absolute_url()).content.decode()
    assert f"https://{DOMAIN}/{still.webp_800.name}" in page
    assert 'srcset="https://' + DOMAIN in page

    # The file goes once the delete commits (as the capture runs it here), with every rendition.
    objects = images.still_files(still)
    assert objects <= keys(bucket)
    data = form_data(editor_client.get(url), "recap_form")
    index = next(i for i in range(9) if data.get(f"stills-{i}-id") == str(still.pk))
    data[f"stills-{index}-DELETE"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(url, data).status_code == 302
    assert not recap.stills.filter(pk=still.pk).exists()
    assert not objects & keys(bucket)
    assert show.poster.name in keys(bucket)


def content_type_of(s3, key):
    return s3.head_object(Bucket=BUCKET, Key=key)["ContentType"]


def test_an_image_named_html_lands_in_the_bucket_as_a_jpeg(bucket, recap):
    """Finding 1 on S3: the importer's save, with a file named by the old site."""
    still = Still(recap=recap, alt_text="A still", order=1)
    still.image.save("evil.html", ContentFile(images.jpeg_with_script()))
    assert still.image.name.endswith(".jpg") and ".html" not in still.image.name
    assert content_type_of(bucket, still.image.name) == "image/jpeg"
    assert content_type_of(bucket, still.webp_480.name) == "image/webp"
    assert content_type_of(bucket, still.jpeg_480.name) == "image/jpeg"


def test_the_type_an_upload_claims_never_becomes_the_objects_type(bucket, recap):
    """django-storages writes the type an upload claims before the one its name says. The
    admin's form puts Pillow's in its place; an upload handed to the field directly (a script,
    an API) kept the browser's."""
    still = Still(recap=recap, alt_text="A still", order=1)
    still.image.save("still.png", images.upload("still.png", images.png_bytes(), "text/html"))
    assert content_type_of(bucket, still.image.name) == "image/png"


def test_an_upload_in_the_admin_lands_with_its_image_type(bucket, editor_client, recap):
    upload = images.upload("still.png", images.png_bytes(), "text/html")
    assert post_still(editor_client, recap, upload).status_code == 302
    assert content_type_of(bucket, recap.stills.get().image.name) == "image/png"
