"""Shows the import creates: marked "schedule unknown" for editors (a column and a filter in the
show admin), cleared when an editor completes the schedule, and until then no made-up schedule
for readers: the defaults of weekday, time and episodes per release are not facts. Nor an empty
facts box on their recaps' pages."""

from datetime import date

import pytest
from django.urls import reverse

from demo.factories import make_episode, make_recap
from importer.models import WordPressOrigin
from recaps.models import Recap
from shows.models import Show
from tests.admin_forms import form_data

pytestmark = pytest.mark.django_db


def test_shows_the_import_creates_are_marked_schedule_unknown(soundtrack, run_import):
    run_import()
    marked = set(Show.objects.filter(schedule_unknown=True).values_list("title", flat=True))
    assert marked == {"Moonlit Harbor", "Starfall Season 2", "사운드트랙"}
    soundtrack.refresh_from_db()
    assert not soundtrack.schedule_unknown


def test_the_show_admin_lists_and_filters_shows_whose_schedule_is_unknown(
    admin_client, soundtrack, imported
):
    everything = admin_client.get("/admin/shows/show/").text
    assert "Moonlit Harbor" in everything and "Soundtrack #2" in everything
    assert "Schedule unknown" in everything  # the column and the filter
    unknown = admin_client.get("/admin/shows/show/?schedule_unknown__exact=1").text
    assert "Moonlit Harbor" in unknown and "Soundtrack #2" not in unknown


def edit_show(client, show, untick=(), **changes):
    url = f"/admin/shows/show/{show.pk}/change/"
    data = {**form_data(client.get(url), "show_form"), **changes}
    for name in untick:
        data.pop(name, None)  # an unticked box is not posted
    response = client.post(url, data, follow=True)
    assert response.status_code == 200 and 'class="errornote"' not in response.text
    show.refresh_from_db()
    return response


def test_completing_the_schedule_in_the_admin_clears_the_mark(admin_client, imported):
    show = Show.objects.get(title="Moonlit Harbor")
    response = edit_show(
        admin_client, show, premiere_date="2024-03-06", release_weekdays=["2"], synopsis="Boats."
    )
    assert not show.schedule_unknown
    assert "no longer marked “schedule unknown”" in response.text


def test_other_edits_keep_the_mark_and_an_editor_may_clear_it_by_hand(admin_client, imported):
    show = Show.objects.get(title="Moonlit Harbor")
    edit_show(admin_client, show, synopsis="Boats and lanterns.")
    assert show.schedule_unknown
    edit_show(admin_client, show, untick=["schedule_unknown"])
    assert not show.schedule_unknown


def test_an_editor_who_keeps_the_box_ticked_keeps_the_mark(admin_client, imported):
    show = Show.objects.get(title="Moonlit Harbor")
    show.schedule_unknown = False
    show.save()
    edit_show(admin_client, show, schedule_unknown="on", premiere_date="2024-03-06")
    assert show.schedule_unknown


def test_the_hub_of_a_show_with_unknown_schedule_makes_up_no_dates(client, imported):
    hub = client.get("/shows/moonlit-harbor/").text
    # Episodes 1-4 came with recaps (3 and 4 in one, scheduled): they aired, when is unknown.
    assert "To be announced" not in hub and "Not aired yet" not in hub
    assert "Not known" in hub
    assert "Add to your calendar" not in hub


def test_a_premiere_alone_does_not_make_an_imported_show_schedule_facts(client, imported):
    """Weekday, time and episodes per release default to something; while the mark is on,
    those defaults are not presented as the show's schedule."""
    Show.objects.filter(title="Moonlit Harbor").update(premiere_date=date(2024, 3, 6))
    hub = client.get("/shows/moonlit-harbor/").text
    assert "has been streaming since March 6, 2024" in hub  # the premiere is a fact
    assert "released every" not in hub and "<time datetime=" not in hub.split("guide-heading")[1]
    assert "Add to your calendar" not in hub
    calendar = client.get(reverse("feeds:show_calendar", kwargs={"slug": "moonlit-harbor"}))
    assert calendar.status_code == 200 and b"BEGIN:VEVENT" not in calendar.content


def test_an_imported_show_with_a_premiere_is_not_airing_now_on_the_home_page(client, imported):
    from django.utils import timezone

    Show.objects.filter(title="Moonlit Harbor").update(premiere_date=timezone.now().date())
    home = client.get("/").text
    assert 'class="airing__show" href="/shows/moonlit-harbor/"' not in home
    assert "Finale out now" not in home


def recap(post_id):
    origin = WordPressOrigin.objects.get(kind="post", wp_id=str(post_id))
    return Recap.objects.get(pk=origin.object_id)


def test_the_recap_page_has_no_facts_box_for_an_imported_show_without_facts(client, imported):
    page = client.get(recap(101).get_absolute_url()).text
    assert "About Moonlit Harbor" not in page
    assert 'id="facts-heading"' not in page


def test_the_recap_page_keeps_the_facts_box_of_a_show_with_facts(client, soundtrack):
    live = make_recap(make_episode(soundtrack, 1))
    page = client.get(live.get_absolute_url()).text
    assert '<h2 id="facts-heading">About Soundtrack #2</h2>' in page
    assert "streamed on Disney+" in page
