"""Assignment e-mail on the task worker, never in a request. Each message is recorded before
the mailer sees it (`AssignmentNotice`), so a task run twice mails no one twice; a task that
finds the assignment changed again since sends nothing, as the newer change's task will."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.tasks import task
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


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
        sent += send_once(assignment, person, role)
    return sent


def send_once(assignment, person, role):
    from .models import AssignmentNotice

    context = {"assignment": assignment, "person": person, "role": role}
    message = EmailMessage(
        subject=render_to_string("desk/assignment_subject.txt", context).strip(),
        body=render_to_string("desk/assignment_mail.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
    )
    try:
        # Committed before the mailer sees the message, never inside a transaction that could
        # still roll back after it left.
        with transaction.atomic(durable=True):
            notice = AssignmentNotice.objects.create(
                assignment=assignment, version=assignment.version, recipient=person
            )
    except IntegrityError:
        logger.info("Assignment notice %s/%s went out before", assignment.pk, assignment.version)
        return 0
    try:
        message.send()
    except Exception:
        notice.delete()  # the mailer refused it: a later run may send it
        raise
    return 1
