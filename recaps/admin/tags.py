"""The admin of taggit's shared tags, with the recaps' links: taggit's own TagAdmin shows and
merges only its generic TaggedItem rows, which recaps no longer use (recaps.TaggedRecap)."""

from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from taggit.admin import TagAdmin
from taggit.forms import MergeTagsForm
from taggit.models import Tag

from core.admin import SafeRelationsMixin, is_storable_key
from pagecache import tags as cache_tags
from pagecache.purge import invalidate

from ..models import TaggedRecap

#: Where taggit's merge view reads the ids of the tags to merge.
SELECTED = "selected_tag_ids"


class TaggedRecapInline(SafeRelationsMixin, admin.TabularInline):
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
    view_permissions = {"merge_tags_view": ["merge"]}

    def has_merge_permission(self, request):
        """Merging moves the links of every recap (published ones too) from the selected tags
        to one: it changes those tags, and takes them off every recap as deleting them would."""
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description="Merge selected tags", permissions=["merge"])
    def render_tag_form(self, request, queryset):
        # taggit's action keeps the posted ids as they came and builds the form's address
        # from the list's, query string included.
        request.session[SELECTED] = ",".join(
            str(pk) for pk in queryset.values_list("pk", flat=True)
        )
        return redirect("admin:taggit_tag_merge_tags")

    def merge_tags_view(self, request):
        ids = request.session.get(SELECTED, "").split(",")
        tags = Tag.objects.filter(pk__in=[pk for pk in ids if is_storable_key(Tag._meta.pk, pk)])
        selected = list(tags.values_list("pk", flat=True))
        if not selected:
            # taggit's view would look up each id and fail on one that is gone.
            self.message_user(request, "Select the tags to merge first.", messages.WARNING)
            return redirect("admin:taggit_tag_changelist")
        request.session[SELECTED] = ",".join(map(str, selected))
        form = MergeTagsForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            with transaction.atomic():
                # taggit's view then finds this tag by name and moves its own generic rows.
                into, _ = Tag.objects.get_or_create(name=form.cleaned_data["new_tag_name"])
                merge_recap_links(selected, into)
                return super().merge_tags_view(request)
        # taggit's own page has no admin header and does not say which tags it merges.
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Merge tags",
            "form": form,
            "tags": tags.annotate(recap_count=Count("recaps_taggedrecap_items")).order_by("name"),
        }
        return TemplateResponse(request, "admin/taggit/tag/merge_tags.html", context)


admin.site.unregister(Tag)
admin.site.register(Tag, RecapTagAdmin)
