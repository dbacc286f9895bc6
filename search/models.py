from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models

from recaps.models import Recap


class RecapDocument(models.Model):
    """A recap's words as a PostgreSQL text-search vector, stored so that a search reads an
    index instead of parsing every recap. Kept current by search.documents on each save; unused
    (and empty) on other databases."""

    recap = models.OneToOneField(
        Recap, on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    document = SearchVectorField(null=True)

    class Meta:
        indexes = [GinIndex(fields=["document"], name="recap_document_gin")]

    def __str__(self):
        return f"Search document of {self.recap_id}"
