"""Responsive image renditions: WebP and JPEG at a few widths, made by imagekit when the source
image is saved (the Optimistic cache-file strategy in settings), never on a reader's request.

Models declare renditions as `webp_<width>` / `jpeg_<width>` attributes made by `rendition()`;
`picture()` turns them into srcsets for the `{% picture %}` tag. Building a URL touches no file."""

from dataclasses import dataclass

from imagekit.models import ImageSpecField
from imagekit.processors import ResizeToFill, ResizeToFit

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


def generate(instance, widths):
    """Make every rendition now, for loaders that bypass `save()` (such as bulk_create)."""
    for width in widths:
        for fmt in FORMATS:
            getattr(instance, f"{fmt}_{width}").generate(force=False)


@dataclass(frozen=True)
class Picture:
    webp_srcset: str
    jpeg_srcset: str
    src: str
    largest: str
    width: int | None
    height: int | None


def scaled_size(width, height, target):
    """The size ResizeToFit(target) gives an image of width×height."""
    if not width or not height:
        return None, None
    if width <= target:
        return width, height
    return target, round(height * target / width)


# imagekit hashes the spec to name every rendition (a few milliseconds per picture); a name
# depends only on the model's specs and the source file's name, so it is worked out once.
_pictures = {}
MAX_REMEMBERED_PICTURES = 50_000


def picture(instance, field_name, widths, size=None, ratio=None):
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
    # Renditions wider than the source would only repeat the source; keep one at most.
    usable = [w for w in widths if not source_width or w <= source_width] or [min(widths)]
    webp, jpeg = [], []
    for w in usable:
        shown = min(w, source_width) if source_width else w
        webp.append(f"{getattr(instance, f'webp_{w}').url} {shown}w")
        jpeg.append(f"{getattr(instance, f'jpeg_{w}').url} {shown}w")
    fallback = usable[min(1, len(usable) - 1)]
    if ratio:
        width, height = fallback, round(fallback * ratio)
    elif size:
        width, height = scaled_size(size[0], size[1], fallback)
    else:
        width = height = None
    return Picture(
        webp_srcset=", ".join(webp),
        jpeg_srcset=", ".join(jpeg),
        src=getattr(instance, f"jpeg_{fallback}").url,
        largest=getattr(instance, f"jpeg_{usable[-1]}").url,
        width=width,
        height=height,
    )
