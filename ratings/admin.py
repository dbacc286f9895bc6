"""Editors see readers' votes, filtered by show and episode, and may clear an episode's votes
(say, after a flood or a mix-up of episodes). Nobody adds or edits a vote by hand."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count
from django.template.response import TemplateResponse

from core.admin import ReadOnlyAdmin
from shows.models import Episode

from .models import EpisodeVote

SHOW_PARAMETER = "episode__show__id__exact"


class EpisodeOfShowFilter(admin.SimpleListFilter):
    """The episodes of the show chosen in the show filter that have votes; a whole catalogue
    of episodes would be too long a list."""

    title = "episode"
    parameter_name = "episode"

    def lookups(self, request, model_admin):
        show = request.GET.get(SHOW_PARAMETER, "")
        if not show.isdigit():
            return []
        episodes = Episode.objects.filter(show_id=show, reader_votes__isnull=False).distinct()
        return [(str(episode.pk), f"Episode {episode.number}") for episode in episodes]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(episode_id=self.value())
        return queryset


@admin.register(EpisodeVote)
class EpisodeVoteAdmin(ReadOnlyAdmin):
    list_display = ["episode", "show", "score", "created_at"]
    list_filter = [
        ("episode__show", admin.RelatedOnlyFieldListFilter),
        EpisodeOfShowFilter,
        "score",
    ]
    list_select_related = ["episode__show"]
    search_fields = ["episode__show__title", "episode__title"]
    date_hierarchy = "created_at"
    actions = ["clear_episode_ratings"]

    @admin.display(description="show", ordering="episode__show__title")
    def show(self, vote):
        return vote.episode.show

    @admin.action(
        description="Clear all reader ratings of the selected votes’ episodes",
        permissions=["delete"],
    )
    def clear_episode_ratings(self, request, queryset):
        """Every vote of each episode that a selected vote belongs to, not only the selected
        ones: one vote on the page is enough to reset an episode. Asks first."""
        episode_ids = set(queryset.values_list("episode", flat=True))
        votes = EpisodeVote.objects.filter(episode__in=episode_ids)
        if request.POST.get("post") == "yes":
            deleted, _ = votes.delete()
            self.message_user(
                request,
                f"Cleared {deleted} reader vote{'s' if deleted != 1 else ''} of "
                f"{len(episode_ids)} episode{'s' if len(episode_ids) != 1 else ''}.",
                messages.SUCCESS,
            )
            return None
        episodes = (
            Episode.objects.filter(pk__in=episode_ids)
            .select_related("show")
            .annotate(vote_count=Count("reader_votes"))
            .order_by("show__title", "number")
        )
        return TemplateResponse(
            request,
            "admin/ratings/episodevote/clear_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "title": "Clear reader ratings?",
                "opts": self.opts,
                "episodes": episodes,
                "selected": queryset.values_list("pk", flat=True),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )
