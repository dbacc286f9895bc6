"""WordPress authors as users in the Writers group: staff, with no usable password until one is
set, their names kept; a username taken here gets a `wp-` name, listed for an editor."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from recaps.roles import WRITERS

from . import wxr
from .models import WordPressOrigin
from .slugs import unique_slug

Kind = WordPressOrigin.Kind
USERNAME_LENGTH = 150


def import_authors(state):
    """The export's authors as users, into `state.users` by login: the ones an earlier run
    imported found again, the others created."""
    User = get_user_model()
    writers, _ = Group.objects.get_or_create(name=WRITERS)
    known = {
        wp_id: object_id
        for (kind, wp_id), (object_id, _) in state.origins.items()
        if kind == Kind.USER
    }
    existing = User.objects.in_bulk(list(known.values()))
    taken = set(User.objects.values_list("username", flat=True))
    for author in state.scan.authors:
        if not author.login:
            continue
        user = existing.get(known.get(author.login))
        if user:
            state.report.counts["users_existing"] += 1
        else:
            user = create_user(state, author, taken)
            writers.user_set.add(user)
            state.remember(Kind.USER, author.login, user)
        state.users[author.login] = user
    state.flush_origins()


def create_user(state, author, taken):
    username = author.login[:USERNAME_LENGTH]
    if username in taken:
        username = unique_slug(f"wp-{author.login}", taken, USERNAME_LENGTH)
        state.report.add(
            "user",
            author.login,
            "renamed",
            f"the username {author.login!r} was taken here; imported as {username!r}",
            attention=True,
        )
    taken.add(username)
    first, last = author.first_name, author.last_name
    if not (first or last) and author.display_name:
        first, _, last = author.display_name.rpartition(" ")
        if not first:
            first, last = last, ""
    user = get_user_model()(
        username=username,
        email=author.email[:254],
        first_name=first[:150],
        last_name=last[:150],
        is_staff=True,
    )
    user.set_unusable_password()
    user.save()
    state.report.counts["users_created"] += 1
    state.report.add("user", author.login, "created", f"{username} in {WRITERS}")
    return user


def user_for(state, login):
    """The user for a post's author; one the export's author list leaves out is created."""
    user = state.users.get(login)
    if user is None:
        user = create_user(
            state,
            wxr.Author(login=login or "wordpress"),
            set(get_user_model().objects.values_list("username", flat=True)),
        )
        state.remember(Kind.USER, login or "wordpress", user)
        state.users[login] = user
    return user
