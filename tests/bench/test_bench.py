"""`manage.py bench`'s arithmetic: reading wrk's report, naming datasets, medians and ratios.
(The bench itself is never run by the tests: figures belong in a benchmark, not a timed test.)"""

import pytest

from bench.management.commands.bench import Command, parse_wrk

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:40001/recaps/bench-recap-5/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    26.11ms    3.20ms  41.93ms   71.25%
    Req/Sec   153.02     12.85   180.00     70.00%
  Latency Distribution
     50%  850.00us
     75%   27.91ms
     90%   29.77ms
     99%    1.20s
  1530 requests in 5.01s, 70.38MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:    305.38
Transfer/sec:     14.05MB
"""


def test_wrk_figures_in_milliseconds_with_errors_counted():
    assert parse_wrk(WRK_OUTPUT) == {
        "rps": 305.38,
        "p50_ms": 0.85,
        "p99_ms": 1200.0,
        "requests": 1530,
        "errors": 3,
        "non_2xx": 4,
    }


def test_a_clean_wrk_run_has_no_errors():
    clean = "\n".join(
        line for line in WRK_OUTPUT.splitlines() if "errors" not in line and "Non-2xx" not in line
    )
    figures = parse_wrk(clean)
    assert (figures["errors"], figures["non_2xx"]) == (0, 0)


def test_each_size_gets_a_postgresql_database_beside_the_named_one():
    command = Command()
    command.options = {"database_url": "postgres://postgres@127.0.0.1:5432/episodic_bench"}
    assert command.dataset_url(2000) == "postgres://postgres@127.0.0.1:5432/episodic_bench_2000"
    command.options = {"database_url": "postgres://u:p@db/bench?sslmode=disable"}
    assert command.dataset_url(20000) == "postgres://u:p@db/bench_20000?sslmode=disable"


def run(size, mode, page, rps, round_number=1):
    return {
        "round": round_number,
        "size": size,
        "mode": mode,
        "page": page,
        "rps": rps,
        "p50_ms": 1000 / rps,
        "p99_ms": 2000 / rps,
    }


def test_medians_of_rounds_and_the_ratios_the_issue_asks_for():
    results = [
        run(2000, "uncached", "recap", rps)
        for rps in (90, 100, 300)  # a noisy round does not move the median
    ] + [
        run(2000, "locmem", "recap", 1500),
        run(2000, "nginx", "recap", 30_000),
        run(2000, "static", "recap", 50_000),
        run(20000, "uncached", "recap", 85),
    ]
    summary = Command().summarise(
        results, [2000, 20000], ["uncached", "locmem", "nginx", "static"], ["recap"]
    )
    assert summary["medians"]["2000/uncached/recap"]["rps"] == 100
    assert summary["medians"]["2000/uncached/recap"]["rounds"] == 3
    assert summary["ratios"]["locmem/uncached@2000/recap"] == 15
    assert summary["ratios"]["nginx/static@2000/recap"] == 0.6
    assert summary["ratios"]["20000/2000@uncached/recap"] == 0.85
    assert "redis/uncached@2000/recap" not in summary["ratios"]


def test_unknown_modes_are_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="varnish"):
        Command.choose("uncached,varnish", ("uncached",), "mode")


def test_the_table_marks_each_ratio_against_its_target():
    from io import StringIO

    results = [
        run(2000, "uncached", "recap", 100),
        run(2000, "locmem", "recap", 1500),
        run(2000, "redis", "recap", 900),
        run(20000, "uncached", "recap", 70),
    ]
    modes = ["uncached", "locmem", "redis"]
    command = Command(stdout=StringIO())
    command.commit, command.options = "abc1234", {"connections": 8, "workers": 2}
    command.report(
        command.summarise(results, [2000, 20000], modes, ["recap"]), [2000, 20000], modes, ["recap"]
    )
    table = command.stdout.getvalue()
    assert "100 · 10.0 · 20.0" in table
    assert "15 ✓" in table and "9 ✗" in table and "0.7 ✗" in table
