"""Files that are not what they claim: truncated images, headers that promise billions of
pixels, formats Episodic does not take. Built in memory."""

import io
import struct
import zlib

from PIL import Image

from tests import images


def _chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_claiming(width, height):
    """A well-formed PNG (valid chunks and checksums) whose header claims `width` × `height`
    pixels while carrying only a few bytes of pixel data: a decompression bomb's calling card."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )


def truncated_jpeg():
    """The first half of a real JPEG, as an interrupted upload leaves it."""
    data = images.jpeg_bytes(width=320, height=200)
    return data[: len(data) // 2]


def image_bytes(format, width=64, height=36, **options):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 80)).save(buffer, format=format, **options)
    return buffer.getvalue()
