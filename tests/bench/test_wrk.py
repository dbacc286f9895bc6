"""bench.wrk: reading wrk's report. (The bench itself is never run by the tests: figures belong
in a benchmark, not a timed test.)"""

from bench.wrk import parse_wrk

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
