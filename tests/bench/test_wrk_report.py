"""bench.wrk_report: medians of rounds, the ratios and the table against the targets."""

from bench.wrk_report import report, summarise


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
    summary = summarise(
        results, [2000, 20000], ["uncached", "locmem", "nginx", "static"], ["recap"]
    )
    assert summary["medians"]["2000/uncached/recap"]["rps"] == 100
    assert summary["medians"]["2000/uncached/recap"]["rounds"] == 3
    assert summary["ratios"]["locmem/uncached@2000/recap"] == 15
    assert summary["ratios"]["nginx/static@2000/recap"] == 0.6
    assert summary["ratios"]["20000/2000@uncached/recap"] == 0.85
    assert "redis/uncached@2000/recap" not in summary["ratios"]


def test_the_table_marks_each_ratio_against_its_target():
    results = [
        run(2000, "uncached", "recap", 100),
        run(2000, "locmem", "recap", 1500),
        run(2000, "redis", "recap", 900),
        run(20000, "uncached", "recap", 70),
    ]
    modes = ["uncached", "locmem", "redis"]
    lines = report(
        summarise(results, [2000, 20000], modes, ["recap"]),
        [2000, 20000],
        modes,
        ["recap"],
        commit="abc1234",
        connections=8,
        workers=2,
    )
    table = "\n".join(lines)
    assert "100 · 10.0 · 20.0" in table
    assert "15 ✓" in table and "9 ✗" in table and "0.7 ✗" in table
