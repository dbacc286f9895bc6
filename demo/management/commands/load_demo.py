"""`manage.py load_demo`: the demo publication, loaded or brought up to date in place.

Every row is keyed on something stable (slugs, a show and an episode number, a person, show and
character, a recap, section and order), so a second run updates rows instead of adding them, and
an image whose file already exists is reused rather than drawn again.
"""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

from core.renditions import generate_all
from demo import art
from demo.articles import RECAPS
from demo.catalogue import CREDITS, PEOPLE, PEOPLE_PALETTE, PLATFORMS, SHOWS
from demo.data import html, text
from demo.followers import load_followers
from demo.management.base import DemoCommand
from people.models import Credit, Person
from recaps.models import Recap, Still
from shows.models import Episode, Platform, Show

AUTHOR = {
    "username": "mina",
    "first_name": "Mina",
    "last_name": "Park",
    "email": "mina@example.com",
}


#: One account per editorial role, with development-only passwords (created only with DEBUG).
ROLE_USERS = [
    ("writer", "episodic-writer", "Writers", "Wren", "Writer"),
    ("editor", "episodic-editor", "Editors", "Eddie", "Editor"),
    ("moderator", "episodic-moderator", "Moderators", "Mo", "Moderator"),
]


def plural(count, singular, plural_form=None):
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"


class Command(DemoCommand):
    help = (
        "Load the demo shows, people and recaps, or bring them up to date: safe to run again. "
        "Rows with the demo's slugs are overwritten, so it refuses to run without DEBUG unless "
        "--force is given."
    )

    refusal = (
        "load_demo overwrites shows, people and recaps that use the demo's slugs. "
        "Run it with DJANGO_DEBUG=1, or pass --force if this database is meant for it."
    )

    def load(self, **options):
        started = time.monotonic()
        loader = DemoLoader()
        with transaction.atomic():
            counts = loader.load()
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content: {plural(counts['shows'], 'show')}, "
                f"{plural(counts['episodes'], 'episode')}, "
                f"{plural(counts['people'], 'person', 'people')}, "
                f"{plural(counts['published'], 'published recap')}, "
                f"{plural(counts['drafts'], 'draft')} "
                f"({plural(loader.images_drawn, 'image')} drawn, {elapsed:.1f} s)."
            )
        )
        if settings.DEBUG:
            for username, password, group in load_role_users():
                self.stdout.write(
                    self.style.SUCCESS(
                        f"{group[:-1]} login: http://127.0.0.1:8000/admin/  user {username}  "
                        f"password {password}"
                    )
                )


def load_role_users():
    """The demo writer, editor and moderator, in their groups, with known development
    passwords. "Moderators" gets its permissions from the comments app; it is only made sure
    to exist here."""
    from django.contrib.auth.models import Group

    from core.roles import grant_roles

    grant_roles()
    user_model = get_user_model()
    logins = []
    for username, password, group_name, first_name, last_name in ROLE_USERS:
        group, _ = Group.objects.get_or_create(name=group_name)
        user, _ = user_model.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.com"}
        )
        user.first_name, user.last_name = first_name, last_name
        user.is_staff = user.is_active = True
        user.is_superuser = False
        user.set_password(password)
        user.save()
        user.groups.add(group)
        logins.append((username, password, group_name))
    return logins


class DemoLoader:
    def __init__(self):
        self.images_drawn = 0

    def load(self):
        author = self.load_author()
        platforms = {data.slug: self.load_platform(data) for data in PLATFORMS}
        shows = {data.slug: self.load_show(data, platforms) for data in SHOWS}
        for data in SHOWS:
            show = shows[data.slug]
            follows = shows[data.follows] if data.follows else None
            if show.follows_id != (follows.pk if follows else None):
                show.follows = follows
                show.save(update_fields=["follows"])
        episodes = {}
        for data in SHOWS:
            episodes.update(self.load_episodes(data, shows[data.slug]))
        people = {data.slug: self.load_person(data) for data in PEOPLE}
        for data in CREDITS:
            Credit.objects.update_or_create(
                person=people[data.person],
                show=shows[data.show],
                character_name=data.character_name,
                defaults={"role": data.role, "billing_order": data.billing_order},
            )
        show_data = {data.slug: data for data in SHOWS}
        recaps = {
            data.slug: self.load_recap(data, episodes, show_data[data.show], author)
            for data in RECAPS
        }
        for data in RECAPS:
            recaps[data.slug].also_read.set([recaps[slug] for slug in data.also_read])
        load_followers()
        return {
            "shows": len(shows),
            "episodes": len(episodes),
            "people": len(people),
            "published": sum(1 for data in RECAPS if data.published_at is not None),
            "drafts": sum(1 for data in RECAPS if data.published_at is None),
        }

    def load_author(self):
        user_model = get_user_model()
        user = user_model.objects.filter(username=AUTHOR["username"]).first()
        if user is None:
            user = user_model(username=AUTHOR["username"])
            # The demo writer never logs in with a password; an admin can set one.
            user.set_unusable_password()
        user.first_name = AUTHOR["first_name"]
        user.last_name = AUTHOR["last_name"]
        user.email = AUTHOR["email"]
        user.is_staff = True
        user.save()
        return user

    def load_platform(self, data):
        platform, _ = Platform.objects.update_or_create(
            slug=data.slug, defaults={"name": data.name, "website": data.website}
        )
        return platform

    def load_show(self, data, platforms):
        show, _ = Show.objects.update_or_create(
            slug=data.slug,
            defaults={
                "title": data.title,
                "native_title": data.native_title,
                "other_titles": data.other_titles,
                "country": data.country,
                "synopsis": data.synopsis,
                "premiere_date": data.premiere_date,
                "planned_episode_count": data.planned_episode_count,
                "release_weekdays": list(data.release_weekdays),
                "release_time": data.release_time,
                "time_zone": data.time_zone,
                "episodes_per_release": data.episodes_per_release,
                "all_at_once": False,
            },
        )
        show.platforms.set([platforms[slug] for slug in data.platforms])
        if data.palette and self.ensure_image(
            show,
            "poster",
            f"{data.slug}.jpg",
            lambda: art.poster(f"poster/{data.slug}", data.palette, data.title),
        ):
            show.save(update_fields=["poster"])
        return show

    def load_episodes(self, data, show):
        if not data.with_episodes or not data.planned_episode_count:
            return {}
        episodes = {}
        for number in range(1, data.planned_episode_count + 1):
            episode, _ = Episode.objects.update_or_create(
                show=show,
                number=number,
                defaults={
                    "title": data.episode_titles.get(number, ""),
                    "air_date_override": data.air_date_overrides.get(number),
                },
            )
            episodes[data.slug, number] = episode
        return episodes

    def load_person(self, data):
        person, _ = Person.objects.update_or_create(
            slug=data.slug,
            defaults={
                "name": data.name,
                "native_name": data.native_name,
                "description": data.description,
                "bio": data.bio,
            },
        )
        if data.photo and self.ensure_image(
            person,
            "photo",
            f"{data.slug}.jpg",
            lambda: art.portrait(f"person/{data.slug}", PEOPLE_PALETTE),
        ):
            person.save(update_fields=["photo"])
        return person

    def load_recap(self, data, episodes, show_data, author):
        published = data.published_at is not None
        recap, _ = Recap.objects.update_or_create(
            slug=data.slug,
            defaults={
                "episode": episodes[data.show, data.episode],
                "subtitle": data.subtitle,
                "author": author,
                "intro": html(data.intro),
                "body": html(data.body),
                "bonus_track": html(data.bonus_track),
                "review": html(data.review),
                "verdict": text(data.verdict),
                "rating": data.rating,
                "status": Recap.Status.PUBLISHED if published else Recap.Status.DRAFT,
                "published_at": data.published_at,
                "meta_description": text(data.meta_description),
            },
        )
        recap.tags.set(list(data.tags))
        self.load_stills(recap, data, show_data)
        return recap

    def load_stills(self, recap, data, show_data):
        hero = next((still for still in data.stills if still.is_hero), None)
        if hero is not None:
            # One hero per recap is a constraint: clear any other before saving this one.
            recap.stills.filter(is_hero=True).exclude(
                section=hero.section, order=hero.order
            ).update(is_hero=False)
        episode = recap.episode
        for still_data in data.stills:
            # Not update_or_create: a new still gets its file before its first save, so no row
            # ever exists without an image.
            still = Still.objects.filter(
                recap=recap, section=still_data.section, order=still_data.order
            ).first() or Still(recap=recap, section=still_data.section, order=still_data.order)
            still.alt_text = still_data.alt_text
            still.caption = f"Still from {episode.show.title} Episode {episode.number}"
            still.credit = show_data.still_credit
            still.is_hero = still_data.is_hero
            seed = f"still/{recap.slug}/{still_data.section}/{still_data.order}"
            self.ensure_image(
                still,
                "image",
                f"{recap.slug}-{still_data.section.replace('_', '-')}-{still_data.order}.jpg",
                lambda seed=seed: art.still(seed, show_data.palette),
            )
            still.save()

    def ensure_image(self, instance, field_name, filename, draw):
        """Give `instance.<field_name>` a file without drawing one that already exists.

        Returns True when the field changed and the instance needs saving.
        """
        current = getattr(instance, field_name)
        if current.name and current.storage.exists(current.name):
            return False
        # The demo's own drawings, not files from outside: stored under a name of the row's
        # (not the random one an upload gets), so a later run finds what an earlier one drew,
        # for example for rows that were deleted since.
        target = current.field.generate_filename(instance, filename)
        if not current.storage.exists(target):
            target = current.storage.save(target, ContentFile(draw()))
            self.images_drawn += 1
        redrawn = target == current.name
        setattr(instance, field_name, target)
        if redrawn:
            # The row's own file, deleted by hand and drawn again under its name: imagekit
            # sees no new image on the save, so its renditions are made here.
            generate_all(instance, field_name)
        return True
