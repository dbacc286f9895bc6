import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from tests import images

EXPORTS = Path(__file__).parent / "exports"


@pytest.fixture
def export(tmp_path):
    """The hand-written export, copied to a folder of its own (the CSV report lands beside it)."""
    path = tmp_path / "export" / "small.xml"
    path.parent.mkdir()
    shutil.copy(EXPORTS / "small.xml", path)
    return path


@pytest.fixture
def uploads(tmp_path):
    """A copy of wp-content/uploads with two of the three images; missing.jpg is missing."""
    folder = tmp_path / "uploads"
    (folder / "2024" / "03").mkdir(parents=True)
    (folder / "2024" / "03" / "harbor-still.jpg").write_bytes(images.jpeg_bytes(160, 90))
    (folder / "2024" / "03" / "sailors.png").write_bytes(images.png_bytes(160, 90))
    return folder


@pytest.fixture
def run_import(db, settings, tmp_path, export, uploads):
    settings.MEDIA_ROOT = tmp_path / "media"

    def run(path=None, **options):
        options.setdefault("uploads", str(uploads))
        options.setdefault("verbosity", 0)
        call_command("import_wordpress", str(path or export), **options)

    return run


@pytest.fixture
def imported(run_import):
    run_import()
