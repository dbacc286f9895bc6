from datetime import date, time, timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from demo.factories import make_episode, make_show


def staff(django_user_model, username, group=None, **fields):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.com", is_staff=True, **fields
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def writer(db, django_user_model):
    return staff(django_user_model, "wendy", "Writers", first_name="Wendy", last_name="Writer")


@pytest.fixture
def other_writer(db, django_user_model):
    return staff(django_user_model, "oscar", "Writers", first_name="Oscar", last_name="Other")


@pytest.fixture
def editor(db, django_user_model):
    return staff(django_user_model, "edith", "Editors", first_name="Edith", last_name="Editor")


@pytest.fixture
def moderator(db, django_user_model):
    return staff(django_user_model, "morgan", "Moderators")


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def airing_show(title="Airing", *, days_ago=3, count=8, zone="UTC", at=time(20, 0), **fields):
    """A weekly show on the air whose premiere was `days_ago` days ago (UTC days)."""
    premiere = timezone.now().date() - timedelta(days=days_ago)
    return make_show(
        title=title,
        premiere_date=premiere,
        release_weekdays=[premiere.weekday()],
        planned_episode_count=count,
        release_time=at,
        time_zone=zone,
        **fields,
    )


def episodes(show, numbers):
    return [make_episode(show, number, title=f"Chapter {number}") for number in numbers]


#: A Monday in 2027 a week before the United States move their clocks (14 March 2027).
BEFORE_US_DST = date(2027, 3, 8)
