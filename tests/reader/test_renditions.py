"""Renditions are generated when an image is saved, never on a reader's request."""

import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile

from demo.factories import make_episode, make_recap, make_still


def test_saving_a_still_generates_every_rendition(soundtrack):
    recap = make_recap(make_episode(soundtrack, 1))
    still = make_still(recap)
    for width in (480, 800, 1200):
        for fmt in ("webp", "jpeg"):
            name = getattr(still, f"{fmt}_{width}").name
            assert default_storage.exists(name), name
    assert still.image_picture.width == 800 and still.image_picture.height == 450


def test_rendering_a_page_does_not_generate_missing_renditions(client, soundtrack):
    recap = make_recap(make_episode(soundtrack, 1))
    still = make_still(recap, is_hero=True)
    name = still.webp_800.name
    default_storage.delete(name)
    response = client.get(recap.get_absolute_url())
    assert response.status_code == 200
    assert name in response.content.decode()
    assert not os.path.exists(default_storage.path(name))


def test_poster_and_photo_renditions_are_cropped_to_known_sizes(soundtrack):
    from tests import images

    soundtrack.poster.save("poster.jpg", images.upload("poster.jpg", images.jpeg_bytes(600, 800)))
    picture = soundtrack.poster_picture
    assert (picture.width, picture.height) == (480, 720)
    assert default_storage.exists(soundtrack.webp_480.name)


def sizes_of(instance, names):
    from PIL import Image

    found = {}
    for name in names:
        file = getattr(instance, name)
        with default_storage.open(file.name) as stored, Image.open(stored) as image:
            found[name] = (image.format, image.size)
    return found


def test_every_rendition_of_a_still_comes_from_one_decode(soundtrack, monkeypatch):
    """A large JPEG opens once (decoded straight at the size the largest rendition needs),
    and each rendition has the size and format its spec asks for, under imagekit's name."""
    from PIL import Image

    from tests import images

    still = make_still(make_recap(make_episode(soundtrack, 1)))
    decoded = []
    real_open = Image.open

    def spy(fp, *args, **kwargs):
        if isinstance(fp, FieldFile):  # Django's own size check reads a copy's header only
            decoded.append(fp.name)
        return real_open(fp, *args, **kwargs)

    monkeypatch.setattr(Image, "open", spy)
    still.image.save("big.jpg", images.upload("big.jpg", images.jpeg_bytes(2600, 1463)))
    assert decoded == [still.image.name]
    names = [f"{fmt}_{w}" for w in (480, 800, 1200) for fmt in ("webp", "jpeg")] + ["thumbnail"]
    sizes = sizes_of(still, names)
    assert sizes["webp_1200"] == ("WEBP", (1200, 675))
    assert sizes["jpeg_800"] == ("JPEG", (800, 450))
    assert sizes["webp_480"] == ("WEBP", (480, 270))
    assert sizes["thumbnail"] == ("JPEG", (240, 135))


def test_a_source_smaller_than_a_rendition_is_never_enlarged(soundtrack):
    from tests import images

    still = make_still(make_recap(make_episode(soundtrack, 1)))
    still.image.save("small.jpg", images.upload("small.jpg", images.jpeg_bytes(300, 200)))
    sizes = sizes_of(still, ["webp_1200", "jpeg_800", "jpeg_480"])
    assert set(sizes.values()) == {("WEBP", (300, 200)), ("JPEG", (300, 200))}


@pytest.mark.parametrize(
    ("size", "offered", "largest"),
    [
        ((1600, 900), [480, 800, 1200], (1200, 675)),
        ((1200, 675), [480, 800, 1200], (1200, 675)),
        ((700, 394), [480, 700], (700, 394)),
        ((400, 225), [400], (400, 225)),
    ],
    ids=["wider", "as-wide-as-the-largest", "between", "narrower"],
)
def test_a_picture_offers_each_width_up_to_the_source_s_own_once(size, offered, largest):
    """A rendition at least as wide as the source is the source itself: the first of them is
    offered at the source's width (a 700-pixel still is shown at 700, not at 480), the others
    not at all; the largest offered is the size the hero may fill (`fill`)."""
    from recaps.models import Still

    # No file is read.
    picture = Still(image="stills/a.jpg", width=size[0], height=size[1]).image_picture
    widths = [int(c.rpartition(" ")[2][:-1]) for c in picture.jpeg_srcset.split(", ")]
    assert widths == offered
    assert [int(c.rpartition(" ")[2][:-1]) for c in picture.webp_srcset.split(", ")] == offered
    assert (picture.largest_width, picture.largest_height) == largest
    assert picture.largest in picture.jpeg_srcset.split(", ")[-1]


def test_the_picture_tag_sizes_the_img_as_its_fallback_or_with_fill_its_largest():
    from django.template import Context, Template

    from recaps.models import Still

    template = Template('{% load pictures %}{% picture pic "A still" fill=fill %}')
    pic = Still(image="stills/a.jpg", width=1600, height=900).image_picture
    assert 'width="800" height="450"' in template.render(Context({"pic": pic, "fill": False}))
    assert 'width="1200" height="675"' in template.render(Context({"pic": pic, "fill": True}))
    assert template.render(Context({"pic": None, "fill": True})).strip() == ""


def test_a_rendition_left_from_an_earlier_image_of_the_same_name_is_replaced(soundtrack):
    """Deleting a still leaves its renditions; a new image stored under the freed name must
    not be shown with the old one's."""
    from PIL import Image

    from core import renditions
    from recaps.models import Still
    from tests import images

    still = make_still(make_recap(make_episode(soundtrack, 1)))
    name = still.jpeg_480.name
    default_storage.delete(still.image.name)
    # Uploads get new names; a loader that names its files, as the demo does, reuses one.
    still.image = default_storage.save(still.image.name, ContentFile(images.jpeg_bytes(400, 300)))
    still.save()
    assert still.jpeg_480.name == name
    reread = Still.objects.get(pk=still.pk)  # as a loader that bypasses save() would
    renditions.generate_all(reread, "image")
    with default_storage.open(name) as stored, Image.open(stored) as image:
        assert image.size == (400, 300)
    folder, file = os.path.split(name)
    stem = os.path.splitext(file)[0]
    assert [f for f in default_storage.listdir(folder)[1] if f.startswith(stem)] == [file]


def test_a_poster_crop_comes_from_the_larger_crop(soundtrack):
    from tests import images

    soundtrack.poster.save("poster.jpg", images.upload("poster.jpg", images.jpeg_bytes(1000, 900)))
    sizes = sizes_of(soundtrack, ["webp_480", "jpeg_240"])
    assert sizes == {"webp_480": ("WEBP", (480, 720)), "jpeg_240": ("JPEG", (240, 360))}


@pytest.mark.parametrize(
    "name", ["stills/2024/03/a b.jpg", "stills/사운드트랙 🎵.jpeg", "stills/back\\slash\nline.png"]
)
def test_renditions_are_named_as_imagekit_names_them(name):
    """Reader pages ask imagekit for a rendition's name; generate_all names the files it writes
    without imagekit's help, and must arrive at the same names."""
    from core import renditions
    from recaps.models import Still

    still = Still(image=name, width=640, height=360)  # a size known: no file is read
    written = [target[1] for target in renditions._targets(still, "image", name)]
    expected = [getattr(still, attr).name for attr in renditions._spec_names(Still, "image")]
    assert written == expected
