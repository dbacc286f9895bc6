"""Template loaders that drop the indentation of Episodic's own HTML templates once, when a
template is read (the cached loader keeps the result): the indentation is for the people who
edit templates; readers' phones would download it on every page.

Only our `.html` templates (not libraries', not plain-text mail): none holds a <pre> or
<textarea>, the only elements where leading spaces show."""

import re

from django.template.loaders import app_directories, filesystem

INDENT = re.compile(r"\n[ \t]+")


def is_ours(origin):
    return origin.name.endswith(".html") and "site-packages" not in origin.name


class UnindentMixin:
    def get_contents(self, origin):
        contents = super().get_contents(origin)
        return INDENT.sub("\n", contents) if is_ours(origin) else contents


class FilesystemLoader(UnindentMixin, filesystem.Loader):
    pass


class AppDirectoriesLoader(UnindentMixin, app_directories.Loader):
    pass
