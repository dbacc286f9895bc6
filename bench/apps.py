from django.apps import AppConfig


class BenchConfig(AppConfig):
    """`make bench`: the synthetic datasets and the load test of the reader pages."""

    name = "bench"
    verbose_name = "Benchmarks"
