from django.views.generic import DetailView, ListView

from .models import Recap


class PublishedRecapMixin:
    def get_queryset(self):
        return Recap.objects.published().with_article_relations()


class HomeView(PublishedRecapMixin, ListView):
    template_name = "recaps/home.html"
    paginate_by = 20


class RecapDetailView(PublishedRecapMixin, DetailView):
    pass
