"""Rich text is cleaned whenever a recap is saved, however it was set: the admin form is not
the only way in."""

from recaps.models import Recap


def test_recap_objects_create_stores_sanitised_html(episode, editor):
    recap = Recap.objects.create(
        episode=episode,
        author=editor,
        subtitle="Made in code",
        slug="made-in-code",
        body="<script>alert(1)</script><p>ok</p>",
    )
    recap.refresh_from_db()
    assert recap.body == "<p>ok</p>"


def test_recap_save_after_a_raw_assignment_stores_sanitised_html(recap):
    recap.review = '<p onclick="x()">Fine</p><script>document.cookie</script>'
    recap.save()
    recap.refresh_from_db()
    assert recap.review == "<p>Fine</p>"
