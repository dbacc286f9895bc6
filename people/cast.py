"""Sentences about a show's cast, written from its credits (see shows.facts for the wording)."""

from shows import facts

from .models import Credit

SUPPORTING_NAMED_IN_CAST_LINE = 3


def credits_for_facts(show):
    """The show's credits with their people; each lead also gets `earlier_shows`, the
    (title, premiere) of their shows that premiered before this one, newest first. Two queries,
    and only plain values for the filmographies, which can be long."""
    credits = list(show.credits.select_related("person"))
    leads = {
        credit.person_id: credit.person for credit in credits if credit.role == Credit.Role.LEAD
    }
    for person in leads.values():
        person.earlier_shows = []
    if leads:
        earlier = Credit.objects.filter(
            person_id__in=leads, show__premiere_date__isnull=False
        ).exclude(show=show)
        if show.premiere_date:
            earlier = earlier.filter(show__premiere_date__lt=show.premiere_date)
        rows = earlier.order_by("person_id", "-show__premiere_date").values_list(
            "person_id", "show__title", "show__premiere_date"
        )
        for person_id, title, premiere in rows:
            leads[person_id].earlier_shows.append((title, premiere))
    return credits


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
    recap page and the show hub; `credits` from `credits_for_facts`, tenses for moment `at`."""
    return {
        "show": show,
        "cast_line": cast_line(show, credits),
        "last_seen_lines": last_seen_lines(show, credits),
        "run_line": show.run_line(at),
        "schedule_line": show.schedule_line(at),
        "schedule_instant": show.schedule_instant(at),
        "where_to_watch": show.where_to_watch(at),
    }
