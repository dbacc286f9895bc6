"""Every cookie the apps set is declared to the page cache (`pagecache.cookies`), and a reader
page asked for with one that changes reader pages is that reader's own: renaming a cookie in
its app can never store a marked reader's page for everyone."""

import ast
import importlib
import tomllib
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from pagecache import cookies

ROOT = Path(settings.BASE_DIR)
SETTING_CALLS = {"set_cookie", "set_signed_cookie"}


def project_modules():
    """Every module of the project's apps (import-linter's root packages)."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    for package in pyproject["tool"]["importlinter"]["root_packages"]:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def cookies_set():
    """{cookie name: where it is set} for every `set_cookie` and `set_signed_cookie` call,
    its name worked out in the module that makes the call."""
    found = {}
    for path in project_modules():
        tree = ast.parse(path.read_text(), str(path))
        calls = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in SETTING_CALLS
        ]
        if not calls:
            continue
        module = importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for call in calls:
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            try:
                name = eval(ast.unparse(call.args[0]), vars(module))
            except (IndexError, NameError) as error:
                pytest.fail(f"{where}: name the cookie with a module constant ({error})")
            found[name] = where
    return found


def test_the_apps_set_the_cookies_this_test_expects_to_find():
    assert {"watched", "theme", "rated", "commented"} <= set(cookies_set())


def test_every_cookie_the_apps_set_is_declared():
    declared = cookies.declared()
    undeclared = {name: where for name, where in cookies_set().items() if name not in declared}
    assert not undeclared, f"declare these with pagecache.cookies.declare: {undeclared}"


@pytest.mark.parametrize("name", sorted(cookies.reader_cookies()))
def test_a_page_asked_for_with_a_reader_cookie_is_the_readers_own(client, series, name):
    client.cookies[name] = "anything"
    response = client.get(reverse("recaps:home"))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
