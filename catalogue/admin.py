"""The show admin's catalogue pages: "Add from the catalogue" (search, preview, confirm), the
posters of search results fetched by the server (the browser never asks the catalogue), and on
a show's page where the catalogue now disagrees with a hand edit, with one click to take its
value. Each view names the permission it needs (core.admin_site checks it)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from core.images import detected_format
from people.admin import ShowWithCastAdmin
from shows.models import Show

from . import adding, images, synced, tasks
from .forms import AddForm, SearchForm
from .providers import provider as get_provider
from .providers.base import CatalogueError

SEARCH_COUNTED = 5  # search results whose episode count is looked up


class CatalogueShowAdmin(ShowWithCastAdmin):
    change_list_template = "admin/catalogue/show_change_list.html"
    view_permissions = {
        "search_view": ["add"],
        "preview_view": ["add"],
        "poster_view": ["add"],
        "take_view": ["change"],
    }

    def get_urls(self):
        own = [
            path(
                "catalogue/", self.admin_site.admin_view(self.search_view), name="catalogue_search"
            ),
            path(
                "catalogue/poster/",
                self.admin_site.admin_view(self.poster_view),
                name="catalogue_poster",
            ),
            path(
                "catalogue/<int:show_id>/",
                self.admin_site.admin_view(self.preview_view),
                name="catalogue_preview",
            ),
            path(
                "<int:pk>/catalogue/take/",
                self.admin_site.admin_view(self.take_view),
                name="catalogue_take",
            ),
        ]
        return own + super().get_urls()

    def context(self, request, title, **extra):
        return {**self.admin_site.each_context(request), "opts": self.opts, "title": title, **extra}

    def search_view(self, request):
        form = SearchForm(request.GET or None)
        results, error = [], None
        if form.is_valid():
            provider = get_provider()
            try:
                results = provider.search(form.cleaned_data["q"])
            except CatalogueError as failure:
                error = str(failure)
            counts = {}
            for found in results[:SEARCH_COUNTED]:
                try:
                    counts[found.id] = provider.episode_count(found.id)
                except CatalogueError:
                    counts[found.id] = None
            results = [(found, counts.get(found.id)) for found in results]
        return TemplateResponse(
            request,
            "admin/catalogue/search.html",
            self.context(
                request, "Add a show from the catalogue", form=form, results=results, error=error
            ),
        )

    def poster_view(self, request):
        """A search result's poster, fetched by the server from the catalogue's image host only."""
        try:
            image = images.download(get_provider(), request.GET.get("url", ""), "the poster")
        except CatalogueError:
            raise Http404("No such poster.") from None
        if image is None:
            raise Http404("No such poster.")
        response = HttpResponse(image.read(), content_type=detected_format(image).content_type)
        response["Cache-Control"] = "private, max-age=600"
        return response

    def preview_view(self, request, show_id):
        provider = get_provider()
        try:
            plan = adding.plan(provider, provider.show(show_id))
        except CatalogueError as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect("admin:catalogue_search")
        form = AddForm(
            plan,
            request.POST if request.method == "POST" else None,
            initial={
                "seasons": [s.number for s in plan.seasons if s.existing is None][-1:] or [],
                "leads": min(2, len(plan.people)),
            },
        )
        if request.method == "POST" and form.is_valid():
            try:
                shows, report = adding.add(
                    plan,
                    form.cleaned_data["seasons"],
                    confirmed=set(form.cleaned_data["confirmed"]),
                    leads=form.cleaned_data["leads"],
                )
            except CatalogueError as error:
                self.message_user(request, f"{error} Nothing was added.", messages.ERROR)
            else:
                tasks.keep_syncing()
                lines = report.lines() or ["Nothing changed: the show is already up to date."]
                self.message_user(request, " ".join(f"{line}." for line in lines), messages.SUCCESS)
                return redirect("admin:shows_show_change", shows[-1].pk)
        return TemplateResponse(
            request,
            "admin/catalogue/preview.html",
            self.context(
                request,
                f"Add “{plan.show.title}” from {provider.name}",
                plan=plan,
                form=form,
                provider=provider,
            ),
        )

    def take_view(self, request, pk):
        return _take(self, request, pk)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not obj.catalogue_id:
            return fieldsets
        return [
            *fieldsets,
            ("Catalogue", {"fields": ["catalogue_source", "catalogue_disagreements"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        return [
            *super().get_readonly_fields(request, obj),
            "catalogue_source",
            "catalogue_disagreements",
        ]

    @admin.display(description="source")
    def catalogue_source(self, show):
        return format_html(
            '<a href="{}">{}</a> ({})', show.catalogue_url, show.catalogue_name, show.catalogue_id
        )

    @admin.display(description="where the catalogue disagrees")
    def catalogue_disagreements(self, show):
        rows = differences(show)
        if not rows:
            return "Nothing: every synced field holds the catalogue's value."
        url = reverse("admin:catalogue_take", args=[show.pk])
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li>{}: here “{}”, {} says “{}” <button type="submit" formaction="{}" '
                'formmethod="post" name="take" value="{}">Take the catalogue’s value</button></li>',
                (
                    (label, mine, show.catalogue_name, theirs, url, key)
                    for key, label, mine, theirs in rows
                ),
            ),
        )


def differences(show):
    """(key, label, value here, catalogue's value) for the show and its episodes."""
    episodes = {e.catalogue_id: e for e in show.episodes.exclude(catalogue_id="")}
    memories = synced.Memories([show.catalogue_id, *episodes])
    rows = [
        (f"show:{name}", name.replace("_", " "), mine, theirs)
        for name, mine, theirs in synced.disagreements(show, memories.get(show.catalogue_id))
    ]
    for reference, episode in sorted(episodes.items(), key=lambda item: item[1].number):
        rows += [
            (
                f"episode:{episode.pk}:{name}",
                f"episode {episode.number} {name.replace('_', ' ')}",
                mine,
                theirs,
            )
            for name, mine, theirs in synced.disagreements(episode, memories.get(reference))
        ]
    return rows


def _take(model_admin, request, pk):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    show = get_object_or_404(Show, pk=pk)
    if not model_admin.has_change_permission(request, show):
        raise PermissionDenied
    keys = {key: (label, theirs) for key, label, _, theirs in differences(show)}
    key = request.POST.get("take", "")
    if key not in keys:
        model_admin.message_user(
            request, "That field no longer differs from the catalogue.", messages.WARNING
        )
        return redirect("admin:shows_show_change", show.pk)
    kind, _, rest = key.partition(":")
    row = show if kind == "show" else show.episodes.get(pk=rest.partition(":")[0])
    name = rest if kind == "show" else rest.partition(":")[2]
    field = row._meta.get_field(name)
    with transaction.atomic():
        setattr(row, name, field.to_python(keys[key][1]))
        row.save()
    model_admin.message_user(
        request, f"The {keys[key][0]} now holds {show.catalogue_name}’s value.", messages.SUCCESS
    )
    return redirect("admin:shows_show_change", show.pk)


admin.site.unregister(Show)
admin.site.register(Show, CatalogueShowAdmin)
