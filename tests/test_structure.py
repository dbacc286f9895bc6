"""The structure a newcomer relies on: no Python module over 400 lines (split by idea), and no
circle among the project's packages (import-linter's layers keep the direction of each import;
this keeps a package from reaching back to itself through another)."""

import subprocess
import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 400
# The demo's prose: articles and a catalogue written out as data.
PROSE = {"demo/articles.py", "demo/catalogue.py"}


def tracked_modules():
    names = subprocess.run(
        ["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return [name for name in names if "/migrations/" not in name and name not in PROSE]


def test_no_module_is_over_400_lines():
    long = {
        name: lines
        for name in tracked_modules()
        if (lines := len((ROOT / name).read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def packages():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return config["tool"]["importlinter"]["root_packages"]


def test_no_package_reaches_back_to_itself():
    graph = grimp.build_graph(*packages(), include_external_packages=False)
    imports = {
        package: {
            other
            for other in packages()
            if other != package
            and graph.direct_import_exists(importer=package, imported=other, as_packages=True)
        }
        for package in packages()
    }

    def reaches(start, goal, seen):
        return start == goal or any(
            reaches(other, goal, seen | {start}) for other in imports[start] - seen
        )

    circles = [
        (package, other)
        for package in imports
        for other in imports[package]
        if reaches(other, package, set())
    ]
    assert circles == []
