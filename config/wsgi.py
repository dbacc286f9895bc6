import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_wsgi_application()

# Stored reader pages go out again before Django builds a request. Imported once Django is set
# up: the page cache reads the settings as it loads.
from pagecache.wsgi import PageCacheApplication  # noqa: E402

application = PageCacheApplication(django_application)
