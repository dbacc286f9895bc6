"""The admin of taggit's shared tags, with the recaps' links: taggit's own TagAdmin shows and
merges only its generic TaggedItem rows, which recaps no longer use (recaps.TaggedRecap)."""

from django.contrib import admin
from django.db import transaction
from taggit.admin import TagAdmin
from taggit.forms import MergeTagsForm
from taggit.models import Tag

from pagecache import tags as cache_tags
from pagecache.purge import invalidate

from .models import TaggedRecap


class TaggedRecapInline(admin.TabularInline):
    model = TaggedRecap
    # A raw id, not a select of every recap on the site.
    raw_id_fields = ["content_object"]
    extra = 0


def merge_recap_links(source_ids, into):
    """Point the recaps' links to the tags `source_ids` at the tag `into`, once per recap."""
    tagged = set(TaggedRecap.objects.filter(tag=into).values_list("content_object_id", flat=True))
    links = (
        TaggedRecap.objects.filter(tag_id__in=source_ids)
        .exclude(tag=into)
        .order_by("pk")
        .values_list("pk", "content_object_id")
    )
    duplicates = []
    for pk, recap_id in links:
        if recap_id in tagged:
            duplicates.append(pk)
        tagged.add(recap_id)
    TaggedRecap.objects.filter(pk__in=duplicates).delete()
    links.exclude(pk__in=duplicates).update(tag=into)
    # update() sends no signals: the recaps' pages and both tags' pages are purged here.
    invalidate({cache_tags.tag(into.pk), *(cache_tags.tag(pk) for pk in source_ids)})


class RecapTagAdmin(TagAdmin):
    inlines = [TaggedRecapInline]

    def merge_tags_view(self, request):
        form = MergeTagsForm(request.POST) if request.method == "POST" else None
        if form is None or not form.is_valid():
            return super().merge_tags_view(request)
        selected = request.session.get("selected_tag_ids", "").split(",")
        with transaction.atomic():
            # taggit's view then finds this tag by name and moves its own generic rows.
            into, _ = Tag.objects.get_or_create(name=form.cleaned_data["new_tag_name"])
            merge_recap_links([pk for pk in selected if pk.isdigit()], into)
            return super().merge_tags_view(request)
