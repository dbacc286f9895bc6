"""Image files for upload tests, made with Pillow in memory."""

from demo.images import image_bytes
from demo.images import upload as upload


def png_bytes(width=64, height=36, color=(200, 40, 90)):
    return image_bytes("PNG", width, height, color)


def jpeg_bytes(width=64, height=36, color=(30, 60, 200)):
    return image_bytes("JPEG", width, height, color, quality=85)


def still_files(still):
    """The names of a still's image and of every rendition imagekit makes of it."""
    renditions = [still.thumbnail] + [
        getattr(still, f"{fmt}_{width}")
        for width in still.RENDITION_WIDTHS
        for fmt in ("webp", "jpeg")
    ]
    return {still.image.name} | {rendition.name for rendition in renditions}


def jpeg_with_script():
    """A whole, valid JPEG whose comment segment is an HTML page with a script: what a browser
    that sniffs, or is told text/html, would run."""
    content = image_bytes(
        "JPEG", 64, 36, (30, 60, 200), comment=b"<html><script>alert(document.cookie)</script>"
    )
    assert b"<script>" in content
    return content
