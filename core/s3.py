"""Media on S3 (DJANGO_S3_BUCKET): objects carry the type their stored name says."""

from storages.backends.s3 import S3Storage

from .stored_images import content_type


class S3MediaStorage(S3Storage):
    """django-storages' S3 storage, with every object's Content-Type taken from its name.

    S3 serves an object with the type given when it was written. django-storages would take
    the type the upload claimed (a browser's, so possibly an attacker's) before the one its
    name suggests: here the name decides, and stored images are named by the format Pillow
    found in them (core.stored_images)."""

    def get_object_parameters(self, name):
        return {**super().get_object_parameters(name), "ContentType": content_type(name)}
