"""Media on S3 (DJANGO_S3_BUCKET): objects carry the type their stored name says, and the
client gives up in seconds when S3 is slow or away."""

from botocore.config import Config
from django.conf import settings
from storages.backends.s3 import S3Storage

from .stored_images import content_type


class S3MediaStorage(S3Storage):
    """django-storages' S3 storage, with every object's Content-Type taken from its name.

    S3 serves an object with the type given when it was written. django-storages would take
    the type the upload claimed (a browser's, so possibly an attacker's) before the one its
    name suggests: here the name decides, and stored images are named by the format Pillow
    found in them (core.stored_images)."""

    def __init__(self, **settings_overrides):
        super().__init__(**settings_overrides)
        # botocore's defaults (60 s to connect, 60 s a read, 5 attempts with back-off) would
        # hold a page or an admin save for minutes while S3 hangs.
        self.client_config = self.client_config.merge(
            Config(
                connect_timeout=settings.S3_CONNECT_TIMEOUT,
                read_timeout=settings.S3_READ_TIMEOUT,
                retries={"total_max_attempts": settings.S3_MAX_ATTEMPTS, "mode": "standard"},
            )
        )

    def get_object_parameters(self, name):
        return {**super().get_object_parameters(name), "ContentType": content_type(name)}
