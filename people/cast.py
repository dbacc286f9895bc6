"""Sentences about a show's cast, written from its credits (see shows.facts for the wording)."""

from dataclasses import dataclass, field

from django.db.models import Q

from shows import facts

from .models import Credit

SUPPORTING_NAMED_IN_CAST_LINE = 3


def credits_for_facts(show):
    """The show's credits with their people; each lead also gets `earlier_shows`, the
    (title, premiere) of their shows that premiered before this one, newest first. Two queries,
    and only plain values for the filmographies, which can be long."""
    give_fact_credits([show])
    return show.fact_credits


def give_fact_credits(shows):
    """`credits_for_facts` for many shows at once, kept as each show's `fact_credits`: two
    queries however many shows (the API's show lists)."""
    by_show = {show.pk: show for show in shows}
    for show in shows:
        show.fact_credits = []
    credits = Credit.objects.filter(show_id__in=by_show).select_related("person")
    leads = {}
    for credit in credits.order_by("show_id", "billing_order", "pk"):
        by_show[credit.show_id].fact_credits.append(credit)
        if credit.role == Credit.Role.LEAD:
            credit.person.earlier_shows = []
            leads.setdefault(credit.person_id, []).append(credit)
    if not leads:
        return
    rows = (
        Credit.objects.filter(person_id__in=leads, show__premiere_date__isnull=False)
        .order_by("person_id", "-show__premiere_date")
        .values_list("person_id", "show_id", "show__title", "show__premiere_date")
    )
    for person_id, show_id, title, premiere in rows:
        for credit in leads[person_id]:
            own = by_show[credit.show_id].premiere_date
            if show_id != credit.show_id and (own is None or premiere < own):
                credit.person.earlier_shows.append((title, premiere))


@dataclass
class FactPerson:
    name: str
    description: str
    earlier_shows: list = field(default_factory=list)


@dataclass
class FactCredit:
    """What the facts box reads of a credit; `fact_credits` makes them from plain values."""

    person_id: int
    role: str
    person: FactPerson


def fact_credits(show):
    """What `credits_for_facts` gives the facts box (role, person's name and description,
    each lead's `earlier_shows`), for pages that show no cast list: one query of plain values
    reads the show's credits and its leads' earlier credits together."""
    leads = Credit.objects.filter(show_id=show.pk, role=Credit.Role.LEAD).values("person_id")
    earlier = Q(person_id__in=leads, show__premiere_date__isnull=False) & ~Q(show_id=show.pk)
    if show.premiere_date:
        earlier &= Q(show__premiere_date__lt=show.premiere_date)
    rows = (
        Credit.objects.filter(Q(show_id=show.pk) | earlier)
        .order_by("-show__premiere_date", "billing_order", "pk")
        .values_list(
            "show_id",
            "billing_order",
            "pk",
            "role",
            "person_id",
            "person__name",
            "person__description",
            "show__title",
            "show__premiere_date",
        )
    )
    own, people, earlier_rows = [], {}, []
    for show_id, order, pk, role, person_id, name, description, title, premiere in rows:
        if show_id == show.pk:
            person = people.setdefault(person_id, FactPerson(name, description))
            own.append((order, pk, FactCredit(person_id, role, person)))
        else:
            earlier_rows.append((person_id, title, premiere))
    leads = {c.person_id for _, _, c in own if c.role == Credit.Role.LEAD}
    for person_id, title, premiere in earlier_rows:
        if person_id in leads:
            people[person_id].earlier_shows.append((title, premiere))
    own.sort(key=lambda item: item[:2])
    return [credit for _, _, credit in own]


def cast_line(show, credits):
    leads = [credit.person.name for credit in credits if credit.role == Credit.Role.LEAD]
    supporting = [
        (credit.person.name, credit.person.description)
        for credit in credits
        if credit.role != Credit.Role.LEAD
    ][:SUPPORTING_NAMED_IN_CAST_LINE]
    return facts.cast_line(show.title, leads, supporting)


def last_seen_lines(show, credits):
    """For each lead, their latest earlier shows; needs credits from `credits_for_facts`."""
    lines = []
    for credit in credits:
        if credit.role != Credit.Role.LEAD:
            continue
        line = facts.last_seen_in(
            credit.person.name, credit.person.earlier_shows, show.premiere_date
        )
        if line:
            lines.append(line)
    return lines


def show_facts(show, credits, at=None):
    """The context of the show-facts box (templates/includes/show_facts.html), the same on the
    recap page and the show hub; `credits` from `credits_for_facts`, tenses for moment `at`.
    `has_sentences` is False for a show nothing is known of yet (an imported show): no box."""
    sentences = {
        "cast_line": cast_line(show, credits),
        "last_seen_lines": last_seen_lines(show, credits),
        "run_line": show.run_line(at),
        "schedule_line": show.schedule_line(at),
    }
    return {
        "show": show,
        **sentences,
        "has_sentences": any(sentences.values()),
        "schedule_instant": show.schedule_instant(at),
        "where_to_watch": show.where_to_watch(at),
    }
