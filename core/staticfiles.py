"""Static files as readers download them: our own stylesheet and script minified when
`collectstatic` copies them (comments and layout whitespace are for us, not for phones), then
hashed and compressed by WhiteNoise as before."""

from django.core.files.base import ContentFile
from rcssmin import cssmin
from rjsmin import jsmin
from whitenoise.storage import CompressedManifestStaticFilesStorage

# Only Episodic's own files (static/css, static/js); libraries ship their files as they are.
MINIFIERS = {("css/", ".css"): cssmin, ("js/", ".js"): jsmin}


def minifier(name):
    name = name.replace("\\", "/")
    for (folder, suffix), minify in MINIFIERS.items():
        if name.startswith(folder) and name.endswith(suffix):
            return minify
    return None


def served(name, text):
    """The text of static file `name` as readers get it: minified when it is one of ours."""
    minify = minifier(name)
    return minify(text) if minify else text


class MinifiedManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def _save(self, name, content):
        minify = minifier(name)
        if minify:
            content.seek(0)
            content = ContentFile(minify(content.read().decode()).encode())
        return super()._save(name, content)
