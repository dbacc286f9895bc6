"""Sentences about a show's cast, written from its credits (see shows.facts for the wording)."""

from django.db.models import Prefetch

from shows import facts

from .models import Credit

SUPPORTING_NAMED_IN_CAST_LINE = 3


def credits_for_facts(show):
    """The show's credits with each person's other credits and their shows: two queries."""
    return list(
        show.credits.select_related("person").prefetch_related(
            Prefetch(
                "person__credits",
                queryset=Credit.objects.select_related("show").exclude(show=show),
                to_attr="other_credits",
            )
        )
    )


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
        earlier = [
            (other.show.title, other.show.premiere_date) for other in credit.person.other_credits
        ]
        line = facts.last_seen_in(credit.person.name, earlier, show.premiere_date)
        if line:
            lines.append(line)
    return lines


def show_facts(show, credits, at=None):
    """The context of the show-facts box (templates/includes/show_facts.html), the same on the
    recap page and the show hub; `credits` from `credits_for_facts`, tenses for moment `at`."""
    return {
        "show": show,
        "cast_line": cast_line(show, credits),
        "last_seen_lines": last_seen_lines(show, credits),
        "run_line": show.run_line(at),
        "schedule_line": show.schedule_line(at),
        "where_to_watch": show.where_to_watch(at),
    }
