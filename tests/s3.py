"""S3 for tests: moto's server as a process of the test's own (tests.servers), and the settings
config/settings/base.py builds from DJANGO_S3_BUCKET, _ENDPOINT_URL and _CUSTOM_DOMAIN pointing at
it. A process, not moto's in-process server: a test stops or freezes it as S3 fails, and it
shares no memory or threads with the Django under test."""

import sys
from pathlib import Path

import boto3

from tests.servers import Server

BUCKET = "episodic-media"
DOMAIN = "media.episodic.test"


class MotoS3(Server):
    """Stopping it is S3 refusing connections; freezing it (SIGSTOP) is S3 accepting them and
    never answering."""

    def command(self):
        moto = str(Path(sys.executable).with_name("moto_server"))
        return [moto, "-H", "127.0.0.1", "-p", str(self.port)]

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"


def use_bucket(server, settings, monkeypatch):
    """Media in a new bucket on `server`; a boto3 client of it."""
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    s3 = boto3.client("s3", endpoint_url=server.url, region_name="us-east-1")
    s3.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "core.s3.S3MediaStorage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": server.url,
                "custom_domain": DOMAIN,
                "file_overwrite": False,
                "querystring_auth": False,
            },
        },
    }
    return s3
