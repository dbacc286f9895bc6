from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "episodic-admin"


class Command(BaseCommand):
    help = "Make sure the development superuser exists and print its login (development only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The development admin exists only with DJANGO_DEBUG=1.")
        user, _ = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"email": "admin@example.com"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(PASSWORD)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin login: http://127.0.0.1:8000/admin/  user {USERNAME}  password {PASSWORD}"
            )
        )
