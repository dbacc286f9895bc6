"""Placeholder artwork for the demo: stills, posters and portraits drawn with Pillow.

Every picture is a soft gradient with a few translucent shapes, drawn from a seed string, so the
same seed always gives the same JPEG. The blurred layers are drawn at a quarter of the final size
and scaled up once, which keeps each image to a few tens of milliseconds.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

STILL_SIZE = (1600, 900)
POSTER_SIZE = (800, 1200)
PORTRAIT_SIZE = (600, 600)
JPEG_QUALITY = 82

Color = tuple[int, int, int]


def _jitter(rng: random.Random, color: Color, amount: int = 18) -> Color:
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in color)


def _gradient(rng: random.Random, palette: tuple[Color, ...], size: tuple[int, int]) -> Image.Image:
    # A 3×3 grid of palette colours stretched bilinearly is a smooth multi-point gradient.
    grid = Image.new("RGB", (3, 3))
    grid.putdata([_jitter(rng, rng.choice(palette)) for _ in range(9)])
    return grid.resize(size, Image.Resampling.BILINEAR)


def _soft_shapes(
    rng: random.Random, palette: tuple[Color, ...], size: tuple[int, int], count: int
) -> Image.Image:
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(count):
        radius = rng.randint(size[1] // 8, size[1] // 2)
        x, y = rng.randint(0, size[0]), rng.randint(0, size[1])
        fill = (*_jitter(rng, rng.choice(palette), 30), rng.randint(60, 150))
        if rng.random() < 0.7:
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=fill)
        else:
            draw.rounded_rectangle(
                (x - radius, y - radius // 2, x + radius, y + radius // 2),
                radius=radius // 3,
                fill=fill,
            )
    return layer.filter(ImageFilter.GaussianBlur(radius=max(2, size[1] // 40)))


def _crisp_lines(draw: ImageDraw.ImageDraw, rng: random.Random, size: tuple[int, int]) -> None:
    # A few thin light strokes and specks: stage lights, horizon lines, strings.
    width, height = size
    for _ in range(rng.randint(2, 4)):
        y = rng.randint(height // 5, height - height // 5)
        alpha = rng.randint(40, 90)
        draw.line(
            (0, y, width, y + rng.randint(-height // 6, height // 6)),
            fill=(255, 255, 255, alpha),
            width=rng.randint(1, 3),
        )
    for _ in range(rng.randint(3, 6)):
        r = rng.randint(4, 14)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 255, 255, rng.randint(70, 140)))


def _compose(seed: str, palette: tuple[Color, ...], size: tuple[int, int]) -> Image.Image:
    """The soft layers are drawn at a quarter of the size and scaled up once; the crisp lines
    are drawn at full size on top. Returns an RGB image."""
    rng = random.Random(seed)
    small = (size[0] // 4, size[1] // 4)
    base = _gradient(rng, palette, small).convert("RGBA")
    base.alpha_composite(_soft_shapes(rng, palette, small, count=rng.randint(5, 9)))
    image = base.convert("RGB").resize(size, Image.Resampling.BILINEAR)
    _crisp_lines(ImageDraw.Draw(image, "RGBA"), rng, size)
    return image


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()


def still(seed: str, palette: tuple[Color, ...]) -> bytes:
    """A 16:9 abstract still."""
    return _jpeg(_compose(seed, palette, STILL_SIZE))


def poster(seed: str, palette: tuple[Color, ...], title: str) -> bytes:
    """A 2:3 poster: the abstract background with the title set near the foot."""
    image = _compose(seed, palette, POSTER_SIZE)
    width, height = POSTER_SIZE
    draw = ImageDraw.Draw(image, "RGBA")
    draw.rectangle((0, int(height * 0.72), width, height), fill=(0, 0, 0, 110))
    font = _font(64)
    lines = _wrap(draw, title, font, width - 120)
    y = int(height * 0.76)
    for line in lines:
        draw.text((60, y), line, font=font, fill=(255, 255, 255, 235))
        y += 78
    return _jpeg(image)


def portrait(seed: str, palette: tuple[Color, ...]) -> bytes:
    """A square portrait placeholder: a head-and-shoulders silhouette on the background."""
    image = _compose(seed, palette, PORTRAIT_SIZE)
    width, height = PORTRAIT_SIZE
    draw = ImageDraw.Draw(image, "RGBA")
    tone = (255, 255, 255, 150)
    head = width // 6
    cx, cy = width // 2, int(height * 0.40)
    draw.ellipse((cx - head, cy - head, cx + head, cy + head), fill=tone)
    draw.rounded_rectangle(
        (cx - int(head * 2.4), cy + int(head * 1.3), cx + int(head * 2.4), height + head),
        radius=head,
        fill=tone,
    )
    return _jpeg(image)


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except (ImportError, OSError):  # Pillow built without FreeType: the bitmap font still works.
        return ImageFont.load_default()


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, max_width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= max_width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines
