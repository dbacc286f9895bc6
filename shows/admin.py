from django.contrib import admin, messages
from django.db.models import Count, Q

from core.admin import BaseAdmin, EditorFieldsMixin

from .models import Episode, Platform, Show


@admin.register(Platform)
class PlatformAdmin(BaseAdmin):
    list_display = ["name", "website", "show_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(show_count=Count("shows"))

    @admin.display(description="shows", ordering="show_count")
    def show_count(self, platform):
        return platform.show_count


class EpisodeInline(EditorFieldsMixin, admin.TabularInline):
    model = Episode
    extra = 0
    value_bounds = {"number": (1, None)}
    fields = ["number", "title", "air_date_override", "scheduled_air_date"]
    readonly_fields = ["scheduled_air_date"]

    @admin.display(description="air date from the schedule")
    def scheduled_air_date(self, episode):
        return episode.show.scheduled_air_date(episode.number) if episode.pk else "—"


SCHEDULE_FIELDS = [
    "premiere_date",
    "planned_episode_count",
    "all_at_once",
    "release_weekdays",
    "episodes_per_release",
    "release_time",
    "time_zone",
]


@admin.register(Show)
class ShowAdmin(BaseAdmin):
    list_display = [
        "title",
        "native_title",
        "country",
        "premiere_date",
        "planned_episode_count",
        "episode_count",
        "follower_count",
        "schedule_unknown",
    ]
    list_filter = ["schedule_unknown", "platforms", "country", "all_at_once"]
    search_fields = ["title", "native_title", "other_titles"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["follows"]
    filter_horizontal = ["platforms"]
    date_hierarchy = "premiere_date"
    view_on_site = True
    value_bounds = {"episodes_per_release": (1, None), "planned_episode_count": (1, None)}
    fieldsets = [
        (None, {"fields": ["title", "slug", "native_title", "other_titles", "country"]}),
        ("About", {"fields": ["synopsis", "poster", "platforms", "follows"]}),
        (
            "Release schedule",
            {
                "fields": [*SCHEDULE_FIELDS, "schedule_unknown"],
                "description": "Episode air dates are worked out from these unless set by hand.",
            },
        ),
    ]

    inlines = [EpisodeInline]

    def get_queryset(self, request):
        # Followers by e-mail reach shows through the reverse relation (follows.Follow.show),
        # so this app imports nothing above it.
        return (
            super()
            .get_queryset(request)
            .annotate(
                episode_total=Count("episodes", distinct=True),
                follower_total=Count(
                    "email_follows",
                    filter=Q(email_follows__confirmed_at__isnull=False),
                    distinct=True,
                ),
            )
        )

    @admin.display(description="followers", ordering="follower_total")
    def follower_count(self, obj):
        return obj.follower_total

    def save_model(self, request, obj, form, change):
        # An editor who fills in an imported show's schedule has made it a fact. Ticking or
        # unticking the mark in the same save is their call and wins.
        changed = set(form.changed_data)
        if (
            obj.schedule_unknown
            and obj.premiere_date
            and changed.intersection(SCHEDULE_FIELDS)
            and "schedule_unknown" not in changed
        ):
            obj.schedule_unknown = False
            self.message_user(
                request,
                f"“{obj}” is no longer marked “schedule unknown”: readers now see its schedule.",
                messages.INFO,
            )
        super().save_model(request, obj, form, change)

    @admin.display(description="episodes", ordering="episode_total")
    def episode_count(self, show):
        return show.episode_total


@admin.register(Episode)
class EpisodeAdmin(BaseAdmin):
    list_display = ["__str__", "show", "number", "title", "air_date_override"]
    list_select_related = ["show"]
    list_filter = ["show"]
    search_fields = ["show__title", "title"]
    autocomplete_fields = ["show"]
    ordering = ["show__title", "number"]
    value_bounds = {"number": (1, None)}
