"""What people do on the desk, each checked on the server whatever the page offered: assign a
writer and a reviewer, take an episode, skip one, start its draft, schedule its recap relative
to the air time.

Who may do what: editors (the `desk.assign_episode` permission) assign anyone and skip; a
writer may take an unassigned episode for themselves (newsrooms let writers claim stories) and
start drafts of episodes assigned to them, never touch someone else's. Each form carries the
assignment's version: a form sent again after the assignment changed is refused (409), so a
replayed or stale form cannot undo someone's newer choice."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from taggit.utils import parse_tags

from people.cast import cast_line, fact_credits
from recaps import workflow
from recaps.models import Recap

from . import tasks
from .models import LONGEST_OFFSET, Assignment, RelativeSchedule
from .moves import relative_time

ASSIGN = "desk.assign_episode"
WRITE = "recaps.add_recap"


class Stale(Exception):
    """The form was made for an older version of the assignment: a 409."""


def may_assign(user):
    return user.is_active and user.has_perm(ASSIGN)


def may_take(user, assignment):
    free = assignment is None or (assignment.writer_id is None and not assignment.skipped)
    return user.is_active and user.has_perm(WRITE) and free


def writers():
    """Staff who may write recaps (the people an editor assigns)."""
    return _holders("add_recap")


def reviewers():
    return _holders("review_recap")


def _holders(codename):
    has = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label="recaps",
    )
    has |= Q(
        user_permissions__codename=codename, user_permissions__content_type__app_label="recaps"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(has | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def assignment_of(episode):
    return Assignment.objects.select_for_update().filter(episode=episode).first()


def check_version(assignment, version):
    if (assignment.version if assignment else 0) != version:
        raise Stale("The assignment changed since this page was loaded: reload the desk.")


def change(episode, user, version, **fields):
    """Set `fields` on the episode's assignment as `user`, and tell the people it names."""
    with transaction.atomic():
        assignment = assignment_of(episode)
        check_version(assignment, version)
        assignment = assignment or Assignment(episode=episode)
        for name, value in fields.items():
            setattr(assignment, name, value)
        assignment.version += 1
        assignment.changed_by = user
        assignment.save()
        pk, new_version = assignment.pk, assignment.version
        # Robust: the assignment is saved whatever happens to its mail (logged, not a 500).
        transaction.on_commit(lambda: tasks.notify_assignment.enqueue(pk, new_version), robust=True)
    return assignment


def assign(episode, user, version, *, writer, reviewer):
    if not may_assign(user):
        raise PermissionDenied("Only editors assign writers and reviewers.")
    if writer is not None and not writers().filter(pk=writer.pk).exists():
        raise ValidationError(f"{writer} does not write recaps.")
    if reviewer is not None and not reviewers().filter(pk=reviewer.pk).exists():
        raise ValidationError(f"{reviewer} does not review recaps.")
    return change(episode, user, version, writer=writer, reviewer=reviewer)


def take(episode, user, version):
    assignment = Assignment.objects.filter(episode=episode).first()
    if not may_take(user, assignment):
        raise PermissionDenied("This episode is not free to take.")
    return change(episode, user, version, writer=user)


def skip(episode, user, version, skipped=True):
    if not may_assign(user):
        raise PermissionDenied("Only editors skip episodes.")
    return change(episode, user, version, skipped=skipped)


def subtitle_for(episode, plan):
    pattern = plan.subtitle_pattern if plan else "{title}"
    # Plain replacement, not str.format: a pattern an editor typed must not reach attributes.
    subtitle = pattern.replace("{title}", episode.title or f"Episode {episode.number}")
    return subtitle.replace("{number}", str(episode.number)).strip()[:200] or episode.title


def free_slug(text):
    base = slugify(text)[:180].strip("-") or "recap"
    taken = set(Recap.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def create_draft(episode, user, version):
    """The episode's draft recap, pre-filled from the show's plan and cast, written by the
    assigned writer; an episode that has a recap already gets no second one (the existing one
    is returned, so a double click opens it)."""
    if not (user.is_active and user.has_perm(WRITE)):
        raise PermissionDenied("You may not write recaps.")
    existing = episode.recaps.order_by("-pk").first()
    if existing is not None:
        return existing
    assignment = Assignment.objects.filter(episode=episode).first()
    if assignment is not None and assignment.skipped:
        raise ValidationError("The desk skips this episode: unskip it first.")
    writer = assignment.writer if assignment else None
    if writer is None:
        assignment = take(episode, user, version)
        writer = user
    elif writer != user and not may_assign(user):
        raise PermissionDenied("This episode is assigned to someone else.")
    plan = getattr(episode.show, "desk_plan", None)
    subtitle = subtitle_for(episode, plan)
    with transaction.atomic():
        recap = Recap.objects.create(
            episode=episode,
            subtitle=subtitle,
            slug=free_slug(f"{episode.show.slug} episode {episode.number} {subtitle}"),
            author=writer,
            intro=format_html("<p>{}</p>", cast_line(episode.show, fact_credits(episode.show))),
        )
        if plan and plan.default_tags:
            recap.tags.add(*parse_tags(plan.default_tags))
        workflow.record(recap, user, "", note="Draft started from the desk.")
    return recap


def schedule_relative(recap, user, episode, offset, *, confirm_warnings=False, now=None):
    """Plan `recap` to go live `offset` after `episode` airs; someone who may publish also
    schedules it now (through the workflow and its checks). True when it was scheduled."""
    now = now or timezone.now()
    if not workflow.can_change(user, recap):
        raise PermissionDenied("This recap is not yours to change.")
    if episode.show_id != recap.episode.show_id:
        raise ValidationError("Choose an episode of the recap's own show.")
    if not timedelta(0) <= offset <= LONGEST_OFFSET:
        raise ValidationError("Choose between 0 hours and 30 days after the episode airs.")
    plan = RelativeSchedule(recap=recap, episode=episode, offset=offset)
    when = relative_time(plan)
    if when is None:
        raise ValidationError(f"{episode} has no air time yet: its show needs a release time.")
    scheduling = user.has_perm(workflow.PUBLISH)
    if scheduling and when <= now:
        raise ValidationError(f"That time ({when:%d %b %H:%M %Z}) has passed.")
    with transaction.atomic():
        RelativeSchedule.objects.update_or_create(
            recap=recap,
            defaults={
                "episode": episode,
                "offset": offset,
                "publish_time": when if scheduling else None,
                "moved_from": None,
                "moved_at": None,
            },
        )
        if scheduling:
            workflow.perform(
                recap, "schedule", user, publish_time=when, confirm_warnings=confirm_warnings
            )
    return scheduling
