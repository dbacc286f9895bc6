"""Every part of the repository README.md and docs/*.md name exists, so the docs cannot drift
from the tree again (a moved test folder, a renamed module):

- a backticked path under a top-level folder (`tests/hardening/`, `deploy/nginx.conf`);
- a backticked module of ours (`core.admin_site`, `pagecache.views.mark`: the module is checked,
  not what follows it), unless it is a permission or a model of that app (`desk.assign_episode`);
- a relative link (the screenshots).

URLs (`/shows/<slug>/`), placeholders, folders that runs create (git-ignored: `media/`) and files
named relative to a folder the text is describing (`cast.py`) are not read as paths."""

import re
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# Top-level folders git ignores ("/media/" in .gitignore) exist only after a run.
GENERATED = {
    line.strip("/")
    for line in (ROOT / ".gitignore").read_text().splitlines()
    if re.fullmatch(r"/[\w.-]+/", line)
}
TOP_LEVEL = {
    entry.name
    for entry in ROOT.iterdir()
    if not entry.name.startswith(".") and entry.name not in GENERATED
}
PACKAGES = {name for name in TOP_LEVEL if (ROOT / name / "__init__.py").exists()}

CODE = re.compile(r"`([^`\n]+)`")
PATH = re.compile(r"[\w.-]+(?:/[\w.-]+)*/?")
MODULE = re.compile(r"([a-z_]+)\.([a-z_][a-z0-9_]*)(?:\.\w+)*(?:\(\))?")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def app_names(label):
    """What `<label>.<name>` may also mean: a permission or a model of that app."""
    try:
        config = apps.get_app_config(label)
    except LookupError:
        return set()
    names = set()
    for model in config.get_models():
        meta = model._meta
        names.add(meta.model_name)
        names.update(f"{action}_{meta.model_name}" for action in meta.default_permissions)
        names.update(codename for codename, _name in meta.permissions)
    return names


def missing_in(document):
    text = document.read_text()
    missing = []
    for match in CODE.finditer(text):
        code = match.group(1).strip().split("::")[0]
        if PATH.fullmatch(code) and "/" in code and code.split("/")[0] in TOP_LEVEL:
            if not (ROOT / code).exists():
                missing.append(code)
        elif (module := MODULE.fullmatch(code)) and module.group(1) in PACKAGES:
            package, name = module.groups()
            exists = (ROOT / package / f"{name}.py").exists() or (ROOT / package / name).is_dir()
            if not exists and name not in app_names(package):
                missing.append(code)
    for match in LINK.finditer(text):
        target = match.group(1).split("#")[0]
        if target and "://" not in target and not target.startswith("mailto:"):
            if not (document.parent / target).exists():
                missing.append(target)
    return missing


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_every_path_and_module_a_document_names_exists(document):
    assert missing_in(document) == []


def test_the_check_reads_paths_modules_and_links(tmp_path):
    document = tmp_path / "doc.md"
    document.write_text(
        "`tests/spoilers/blocks/` and `core/richtext.py`, `core.spoilers.collapse()` and "
        "`core.richtext`, `desk.assign_episode`, `/shows/<slug>/`, `cast.py`, `media/x.jpg`, "
        "[a screenshot](gone.png) and [the site](https://example.com/)."
    )

    assert missing_in(document) == [
        "tests/spoilers/blocks/",
        "core.spoilers.collapse()",
        "gone.png",
    ]
