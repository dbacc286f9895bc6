from django.views.generic import ListView

from core.seo import page_meta
from pagecache import tags
from pagecache.views import CacheTaggedMixin

from .models import Show


class ShowListView(CacheTaggedMixin, ListView):
    """The shows index, A–Z: two queries a page (count and rows) plus the platforms."""

    def cache_tags(self, context):
        return {tags.SHOWS, *(tags.show(show.pk) for show in context["shows"])}

    paginate_by = 48
    queryset = Show.objects.with_platforms().order_by("title", "pk")
    context_object_name = "shows"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meta"] = page_meta(
            self.request, "Shows A–Z", "Every show we recap, with its episode guide."
        )
        return context
