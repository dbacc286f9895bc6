"""A bar chart of views per day, drawn as inline SVG by the admin's template: the geometry here,
pure, so no JavaScript and no third-party script is needed to see it."""

WIDTH = 720
HEIGHT = 200
TOP_MARGIN = 16
BOTTOM_MARGIN = 24
GAP = 0.2


def nice_ceiling(value):
    """The smallest of 1, 2, 5 × 10ⁿ at least `value` (the axis' top)."""
    if value <= 0:
        return 1
    scale = 1
    while True:
        for step in (1, 2, 5):
            if step * scale >= value:
                return step * scale
        scale *= 10


def bars(points, width=WIDTH, height=HEIGHT):
    """{"bars": [{day, views, x, y, width, height}], "top", "width", "height", "baseline",
    "labels": the first, middle and last day with their x} for [(day, views)]."""
    top = nice_ceiling(max((views for _, views in points), default=0))
    plot_height = height - TOP_MARGIN - BOTTOM_MARGIN
    step = width / max(len(points), 1)
    baseline = TOP_MARGIN + plot_height
    drawn = []
    for index, (day, views) in enumerate(points):
        bar_height = plot_height * views / top
        drawn.append(
            {
                "day": day,
                "views": views,
                "x": round(index * step + step * GAP / 2, 2),
                "y": round(baseline - bar_height, 2),
                "width": round(step * (1 - GAP), 2),
                "height": round(bar_height, 2),
            }
        )
    # The first and last labels stand inside the chart's edges, the middle one on its bar.
    labels = []
    if drawn:
        middle = drawn[len(drawn) // 2]
        labels = [
            {"day": drawn[0]["day"], "x": 0, "anchor": "start"},
            {"day": middle["day"], "x": round(middle["x"] + middle["width"] / 2, 2),
             "anchor": "middle"},
            {"day": drawn[-1]["day"], "x": width, "anchor": "end"},
        ]  # fmt: skip
    return {
        "bars": drawn,
        "top": top,
        "width": width,
        "height": height,
        "baseline": baseline,
        "top_y": TOP_MARGIN,
        "labels": labels,
        "total": sum(views for _, views in points),
    }
