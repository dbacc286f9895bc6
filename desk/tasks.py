"""Assignment e-mail on the task worker, never in a request. Each message is recorded before
the mailer sees it (`AssignmentNotice`, through core.mail.send_once), so a task run twice mails
no one twice; a task that finds the assignment changed again since sends nothing, as the newer
change's task will."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string

from core import mail


@task
def notify_assignment(assignment_pk, version):
    from .models import Assignment

    assignment = (
        Assignment.objects.select_related("episode__show", "writer", "reviewer", "changed_by")
        .filter(pk=assignment_pk, version=version)
        .first()
    )
    if assignment is None:
        return 0
    sent = 0
    for role, person in (("writer", assignment.writer), ("reviewer", assignment.reviewer)):
        if person is None or not person.email or person == assignment.changed_by:
            continue
        sent += send_notice(assignment, person, role)
    return sent


def send_notice(assignment, person, role):
    from .models import AssignmentNotice

    context = {"assignment": assignment, "person": person, "role": role}
    message = EmailMessage(
        subject=render_to_string("desk/assignment_subject.txt", context).strip(),
        body=render_to_string("desk/assignment_mail.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
    )
    sent = mail.send_once(
        message,
        lambda: AssignmentNotice.objects.create(
            assignment=assignment, version=assignment.version, recipient=person
        ),
        f"Assignment notice {assignment.pk}/{assignment.version}",
    )
    return int(sent)
