"""bench.datasets: where each size's dataset lives."""

from pathlib import Path

from bench.datasets import Datasets


def datasets_beside(database_url):
    return Datasets(Path("bench-data"), database_url, False, environment=None, write=print)


def test_each_size_gets_a_postgresql_database_beside_the_named_one():
    datasets = datasets_beside("postgres://postgres@127.0.0.1:5432/episodic_bench")
    assert datasets.url(2000) == "postgres://postgres@127.0.0.1:5432/episodic_bench_2000"
    datasets = datasets_beside("postgres://u:p@db/bench?sslmode=disable")
    assert datasets.url(20000) == "postgres://u:p@db/bench_20000?sslmode=disable"
