from django.core.management.base import BaseCommand

from importer.generate import write_export


class Command(BaseCommand):
    help = "Write a made-up WordPress export (and its uploads folder) for `make bench-import`."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--posts", type=int, default=10_000)
        parser.add_argument("--comments-per-post", type=int, default=5)
        parser.add_argument("--uploads", help="write one image a post into this folder")

    def handle(self, path, posts, comments_per_post, uploads, **options):
        comments = write_export(path, posts, comments_per_post, uploads)
        self.stdout.write(f"{path}: {posts} posts, {posts} images, {comments} comments")
