"""Responsive image renditions: WebP and JPEG at a few widths, made by the task worker once the
source image is saved (`QueuedOnSave`, the cache-file strategy in settings), never in the
editor's request nor on a reader's.

Models declare renditions as `webp_<width>` / `jpeg_<width>` attributes made by `rendition()`;
`picture_sources()` turns them into srcsets for the `{% picture %}` tag. Building a URL touches
no file. The specs and the files' names are imagekit's; `generate_all()` makes the files."""

import io
import math
from dataclasses import dataclass
from functools import cache
from hashlib import md5

from django.conf import settings
from django.core.files.base import ContentFile
from imagekit.cachefiles.backends import CacheFileState
from imagekit.cachefiles.strategies import Optimistic
from imagekit.hashers import CanonicalizingPickler
from imagekit.models import ImageSpecField
from imagekit.models.fields.utils import ImageSpecFileDescriptor
from imagekit.processors import ProcessorPipeline, Resize, ResizeToFill, ResizeToFit
from imagekit.utils import get_by_qname, get_storage
from PIL import Image
from pilkit.utils import process_image

from . import tasks

FORMATS = {
    "webp": ("WEBP", {"quality": 78}),
    "jpeg": ("JPEG", {"quality": 82, "progressive": True}),
}


def rendition(source, fmt, width, height=None):
    """A rendition `width` pixels wide: scaled to fit (never enlarged), or cropped to
    `width`×`height` when a height is given, so its size is known without opening a file."""
    processor = ResizeToFill(width, height) if height else ResizeToFit(width=width, upscale=False)
    image_format, options = FORMATS[fmt]
    return ImageSpecField(
        source=source, processors=[processor], format=image_format, options=options
    )


class QueuedOnSave(Optimistic):
    """imagekit's Optimistic strategy (a rendition is never checked on a read), except that a
    saved source's renditions are made by the task worker (`core.tasks.make_renditions`), all
    of them from one decode, after the save commits: an editor's request neither encodes them
    nor waits on the storage. Until the worker has made them, a reader's browser keeps the
    box the `<img>`'s size gives it (docs/resilience.md), and the page, kept in the page cache
    or not, shows them once they exist."""

    def on_source_saved(self, file):
        source = file.generator.source
        instance, field_name = source.instance, source.field.name
        queued = instance.__dict__.setdefault("_renditions_queued", {})
        if queued.get(field_name) == source.name:
            return  # every spec of the source hears of the save: the first one queued them
        queued[field_name] = source.name
        # imagekit also calls this on the first save of every instance loaded from the
        # database, its image changed or not: renditions known (in the cache) to be made are
        # left alone. Any other is the worker's to check, never the request's.
        if file.cachefile_backend.get_state(file, check_if_unknown=False) == CacheFileState.EXISTS:
            return
        # Queued in the save's own transaction (the database backend): a save rolled back
        # leaves no task, and the worker sees the task once the row is there.
        tasks.make_renditions.enqueue(instance._meta.label, instance.pk, field_name, source.name)


def make_missing(instance, field_name):
    """Make the renditions of the image in `field_name` unless each is there already (a task
    run again, a save of an image that did not change); True when they were made."""
    files = [getattr(instance, attr) for attr in _spec_names(type(instance), field_name)]
    if all(file.cachefile_backend.exists(file) for file in files):
        return False
    generate_all(instance, field_name)
    for file in files:
        # The checks above remembered (in the cache) that these were missing.
        file.cachefile_backend.set_state(file, CacheFileState.EXISTS)
    return True


@cache
def _spec_names(model, field_name):
    return [
        name
        for name, attr in vars(model).items()
        if isinstance(attr, ImageSpecFileDescriptor) and attr.source_field_name == field_name
    ]


class _Source:
    def __init__(self, name):
        self.name = name


def _pickled(value):
    out = io.BytesIO()
    CanonicalizingPickler(out, 0).dump(value)
    return out.getvalue()


def _digest(source_name, tail):
    return md5(_pickled([source_name])[:-2] + tail).hexdigest()


class _Named:
    """What imagekit's namers read from a spec: its source's name, format and hash."""

    def __init__(self, spec, source_name, tail):
        self.source, self.format = _Source(source_name), spec.format
        self.digest = _digest(source_name, tail)

    def get_hash(self):
        return self.digest


@cache
def _spec(model, attr):
    """The spec of rendition `attr` of `model`, its namer, and the `tail` that names files
    without pickling the spec for each image (most of the cost of a small image's renditions).

    imagekit names a file by an MD5 of the pickled [source name, processors, format, options,
    autoconvert]: the source name's pickle, then bytes that depend on the spec alone. Those
    are kept once, and trusted only if they give imagekit's own name for another source; if
    not (another imagekit), the tail is None and imagekit names every file itself."""
    field = vars(model)[attr].field
    marker, check = "\ue000marker.jpg", "renditions check/Ü 1.png"
    spec = field.get_spec(source=_Source(marker))
    whole = _pickled([marker, spec.processors, spec.format, spec.options, spec.autoconvert])
    head = _pickled([marker])[:-2]  # without the list's closing append and stop
    tail = whole[len(head) :] if whole.startswith(head) else b""
    namer = get_by_qname(settings.IMAGEKIT_SPEC_CACHEFILE_NAMER, "namer")
    if namer(_Named(spec, check, tail)) != namer(field.get_spec(source=_Source(check))):
        tail = None
    return spec, namer, tail


def _targets(instance, field_name, source_name):
    """(spec, file name, storage) of each rendition of the image in `field_name`."""
    for attr in _spec_names(type(instance), field_name):
        spec, namer, tail = _spec(type(instance), attr)
        if tail is None:
            file = getattr(instance, attr)
            yield file.generator, file.name, file.storage
        else:
            name = namer(_Named(spec, source_name, tail))
            yield spec, name, getattr(spec, "cachefile_storage", None) or get_storage()


def _fit_size(processors, size):
    """The size a lone ResizeToFit makes of an image of `size` (pilkit's own arithmetic), or
    None for any other processors."""
    p = processors[0] if len(processors) == 1 else None
    if type(p) is not ResizeToFit or p.mat_color is not None:
        return None
    width, height = size
    ratio = min(r for r in (p.width and p.width / width, p.height and p.height / height) if r)
    new = (round(width * ratio), round(height * ratio))
    if p.upscale or (new[0] < width and new[1] < height):
        return new
    return size


def _scale(processors, size):
    """How large, relative to the source, the processors need their input; None when unknown."""
    fit = _fit_size(processors, size)
    if fit:
        return fit[0] / size[0]
    p = processors[0] if len(processors) == 1 else None
    if type(p) is ResizeToFill:
        return max(p.width / size[0], p.height / size[1])
    return None


def generate_all(instance, field_name):
    """Make every rendition of the image in `field_name` (each ImageSpecField whose source it
    is), under the names imagekit gives them, from one decode of the source: JPEGs decode
    straight at the largest size needed (`Image.draft`), each size is resized once for all its
    formats, and smaller sizes come from larger ones. Model saves reach it through the worker's
    `make_missing`; loaders that bypass `save()` (bulk_create) call it themselves."""
    source = getattr(instance, field_name)
    made = instance.__dict__.setdefault("_renditions_made", {})
    if not source or made.get(field_name) == source.name:
        return
    targets = list(_targets(instance, field_name, source.name))
    with source.open("rb"), Image.open(source) as image:
        size = image.size
        scales = [_scale(spec.processors, size) for spec, _, _ in targets]
        if image.format == "JPEG" and None not in scales and max(scales) < 1:
            # draft() picks the smallest DCT scale at least this large: a 4000-pixel photo
            # decodes at 2000 for a 1200 rendition, in a fraction of the time.
            need = max(scales)
            image.draft(None, (math.ceil(size[0] * need), math.ceil(size[1] * need)))
        image.load()
        for (_, name, storage), content in _render(image, size, targets, scales):
            _store(storage, name, content)
    made[field_name] = source.name


def _render(image, size, targets, scales):
    """(target, bytes) for each spec, largest first. A scale-to-fit starts from the smallest
    image already made that covers it (a crop would frame a different part) and is resized to
    the size imagekit gives it from the source itself, whatever the draft decoded."""
    order = sorted(zip(scales, targets, strict=True), key=lambda pair: -(pair[0] or math.inf))
    resized = {}  # the processors, as a key -> what they made
    # A source narrower than several renditions is the same image in each: encoded once.
    encoded = {}  # (the image's id, format, options) -> bytes
    shrunk = []  # the scale-to-fit images made so far, never larger than the source
    for _, target in order:
        spec = target[0]
        key = repr([(type(p).__name__, sorted(vars(p).items())) for p in spec.processors])
        if key not in resized:
            fit = _fit_size(spec.processors, size)
            if fit is None:
                resized[key] = ProcessorPipeline(spec.processors).process(image)
            else:
                covering = [im for im in shrunk if im.width >= fit[0] and im.height >= fit[1]]
                start = min(covering, key=lambda im: im.width, default=image)
                resized[key] = start if start.size == fit else Resize(*fit).process(start)
                if fit[0] <= size[0]:
                    shrunk.append(resized[key])
        how = (id(resized[key]), spec.format, repr(spec.options), spec.autoconvert)
        if how not in encoded:
            encoded[how] = process_image(
                resized[key], format=spec.format, autoconvert=spec.autoconvert, options=spec.options
            ).getvalue()
        yield target, encoded[how]


def _store(storage, name, data):
    saved = storage.save(name, ContentFile(data))
    if saved != name:
        # A name is the source's name and the spec: a leftover of a deleted image of the same
        # name held it, and readers would be shown the leftover.
        storage.delete(saved)
        storage.delete(name)
        storage.save(name, ContentFile(data))


@dataclass(frozen=True)
class Picture:
    """`width`×`height` is `src`'s size; `largest_width`×`largest_height` the size of the
    largest rendition, `largest`: as wide as the picture can be shown without enlarging it."""

    webp_srcset: str
    jpeg_srcset: str
    src: str
    largest: str
    width: int | None
    height: int | None
    largest_width: int | None
    largest_height: int | None


def scaled_size(width, height, target):
    """The size ResizeToFit(target) gives an image of width×height."""
    if not width or not height:
        return None, None
    if width <= target:
        return width, height
    return target, round(height * target / width)


#: The height/width of the box of a picture whose size is not known.
UNKNOWN_RATIO = 9 / 16

# imagekit hashes the spec to name every rendition (a few milliseconds per picture); a name
# depends only on the model's specs and the source file's name, so it is worked out once.
_pictures = {}
MAX_REMEMBERED_PICTURES = 50_000


def picture_sources(instance, field_name, widths, size=None, ratio=None):
    """URLs and intrinsic size of an image's renditions, or None when it has no image.

    `size` is the source's (width, height) for scaled renditions; `ratio` is height/width for
    cropped ones."""
    source = getattr(instance, field_name)
    if not source:
        return None
    key = (type(instance), field_name, source.name, tuple(widths), size, ratio)
    if key not in _pictures:
        if len(_pictures) >= MAX_REMEMBERED_PICTURES:
            _pictures.clear()
        _pictures[key] = _build_picture(instance, widths, size, ratio)
    return _pictures[key]


def _build_picture(instance, widths, size, ratio):
    source_width = size[0] if size and size[0] else None
    # Renditions wider than the source would only repeat the source: keep the first of them,
    # which is the source's own width.
    usable = [w for w in widths if not source_width or w < source_width]
    usable += [w for w in widths if source_width and w >= source_width][:1]
    webp, jpeg = [], []
    for w in usable:
        shown = min(w, source_width) if source_width else w
        webp.append(f"{getattr(instance, f'webp_{w}').url} {shown}w")
        jpeg.append(f"{getattr(instance, f'jpeg_{w}').url} {shown}w")
    fallback, largest = usable[min(1, len(usable) - 1)], usable[-1]
    width, height = _box(fallback, size, ratio)
    largest_width, largest_height = _box(largest, size, ratio)
    return Picture(
        webp_srcset=", ".join(webp),
        jpeg_srcset=", ".join(jpeg),
        src=getattr(instance, f"jpeg_{fallback}").url,
        largest=getattr(instance, f"jpeg_{largest}").url,
        width=width,
        height=height,
        largest_width=largest_width,
        largest_height=largest_height,
    )


def _box(rendition_width, size, ratio):
    """(width, height) of the rendition `rendition_width` wide, as the page's box for it."""
    if ratio:
        return rendition_width, round(rendition_width * ratio)
    if size and all(size):
        return scaled_size(size[0], size[1], rendition_width)
    if size:
        # A size not known (not stored, and its file not readable): a 16:9 box to hold its
        # place, which a loaded image replaces with its own ratio (`height: auto`).
        return rendition_width, round(rendition_width * UNKNOWN_RATIO)
    return None, None
