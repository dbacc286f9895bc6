"""Readers rate an episode from 1 to 10 without an account: one row per vote, nothing personal.

Votes keep no address, cookie or user: one vote per browser is the `rated` cookie's job
(`ratings.rated_cookie`) and floods are stopped by the per-address rate limit, which lives in
the cache for a minute. What stays in the database is only the episode, the score and when."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from shows.models import Episode

LOWEST_SCORE = 1
HIGHEST_SCORE = 10


class EpisodeVote(models.Model):
    # The (episode, score) index below leads with the episode, so the foreign key needs no
    # index of its own.
    episode = models.ForeignKey(
        Episode, on_delete=models.CASCADE, related_name="reader_votes", db_index=False
    )
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(LOWEST_SCORE), MaxValueValidator(HIGHEST_SCORE)]
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = "reader vote"
        ordering = ["-created_at"]
        get_latest_by = "created_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=LOWEST_SCORE, score__lte=HIGHEST_SCORE),
                name="episode_vote_score_1_to_10",
                violation_error_message="A reader's score is a whole number from 1 to 10.",
            )
        ]
        indexes = [
            # Covers the average and count of one episode's votes (reader pages) and the
            # editors' filter by episode.
            models.Index(fields=["episode", "score"], name="episode_vote_episode_score"),
            # The editors' changelist, newest first.
            models.Index(fields=["-created_at"], name="episode_vote_newest"),
        ]

    def __str__(self):
        return f"{self.score}/10 for {self.episode}"

    def get_absolute_url(self):
        return self.episode.get_absolute_url()
