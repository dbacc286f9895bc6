"""The chart's geometry, without a database."""

from datetime import date, timedelta

from readership.chart import bars, nice_ceiling


def test_the_axis_tops_at_one_two_or_five_times_a_power_of_ten():
    assert [nice_ceiling(n) for n in (0, 1, 3, 7, 12, 480, 501)] == [1, 1, 5, 10, 20, 500, 1000]


def test_bars_fill_the_width_and_stand_on_the_baseline():
    days = [date(2026, 12, 1) + timedelta(n) for n in range(4)]
    chart = bars(list(zip(days, [0, 5, 10, 2], strict=True)), width=400, height=200)
    assert chart["top"] == 10
    assert [bar["height"] for bar in chart["bars"]] == [0, 80, 160, 32]
    assert all(bar["y"] + bar["height"] == chart["baseline"] for bar in chart["bars"])
    assert chart["bars"][-1]["x"] + chart["bars"][-1]["width"] < 400
    assert [label["anchor"] for label in chart["labels"]] == ["start", "middle", "end"]
    assert chart["total"] == 17


def test_no_days_no_bars():
    assert bars([])["bars"] == [] and bars([])["labels"] == []
