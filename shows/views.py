from django.views.generic import DetailView, ListView

from .models import Show


class ShowListView(ListView):
    model = Show
    paginate_by = 48
    queryset = Show.objects.with_platforms()


class ShowDetailView(DetailView):
    model = Show
    queryset = Show.objects.with_platforms()
