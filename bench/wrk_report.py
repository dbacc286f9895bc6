"""`manage.py bench`'s figures summed up: the median of the rounds of each size, mode and page,
the ratios the page cache and the front cache are held to (TARGETS), and the tables printed."""

import statistics

#: The least each ratio should reach: a page cache answer 10× the uncached page, nginx's cache
#: half the static file, the large dataset 0.8× the small one uncached.
TARGETS = {"cache": 10.0, "front": 0.5, "scale": 0.8}


def summarise(results, sizes, modes, pages):
    medians = {}
    for size in sizes:
        for mode in modes:
            for page in pages:
                runs = [
                    r for r in results if (r["size"], r["mode"], r["page"]) == (size, mode, page)
                ]
                if runs:
                    medians[f"{size}/{mode}/{page}"] = {
                        key: statistics.median(r[key] for r in runs)
                        for key in ("rps", "p50_ms", "p99_ms")
                    } | {"rounds": len(runs)}

    def ratio(a, b):
        if a in medians and b in medians and medians[b]["rps"]:
            return float(f"{medians[a]['rps'] / medians[b]['rps']:.4g}")
        return None

    ratios = {}
    for page in pages:
        for size in sizes:
            for cached in ("locmem", "redis"):
                ratios[f"{cached}/uncached@{size}/{page}"] = ratio(
                    f"{size}/{cached}/{page}", f"{size}/uncached/{page}"
                )
            ratios[f"nginx/static@{size}/{page}"] = ratio(
                f"{size}/nginx/{page}", f"{size}/static/{page}"
            )
        if len(sizes) > 1:
            small, large = min(sizes), max(sizes)
            for mode in modes:
                ratios[f"{large}/{small}@{mode}/{page}"] = ratio(
                    f"{large}/{mode}/{page}", f"{small}/{mode}/{page}"
                )
    return {"medians": medians, "ratios": {k: v for k, v in ratios.items() if v is not None}}


def report(summary, sizes, modes, pages, *, commit, connections, workers, results=()):
    """The lines printed after the rounds: the pages nginx did not keep, a table of medians
    per size, then the ratios against their targets."""
    lines = []
    medians, ratios = summary["medians"], summary["ratios"]
    unkept = sorted(
        {r["page"] for r in results if r["mode"] == "nginx" and r["cache_status"] != "HIT"}
    )
    if unkept:
        lines.append(
            f"\nnginx did not keep {', '.join(unkept)} (no HIT after the warm-up): the app "
            "sent no public Cache-Control, so those nginx figures measure the app through "
            "nginx's cache lock."
        )
    rounds = max(m["rounds"] for m in medians.values())
    lines.append(
        f"\nEpisodic {commit} — req/s · p50 ms · p99 ms, median of {rounds} round(s); "
        f"wrk {connections} connections, {workers} workers"
    )
    width = 24
    for size in sizes:
        lines.append(f"\n{size:,} recaps")
        lines.append(f"{'page':<14}" + "".join(f"{mode:>{width}}" for mode in modes))
        for page in pages:
            cells = []
            for mode in modes:
                m = medians.get(f"{size}/{mode}/{page}")
                cells.append(
                    f"{m['rps']:.0f} · {m['p50_ms']:.1f} · {m['p99_ms']:.1f}" if m else "—"
                )
            lines.append(f"{page:<14}" + "".join(f"{cell:>{width}}" for cell in cells))

    rows = []
    for size in sizes:
        for cached in ("locmem", "redis"):
            label = f"{cached} / uncached, {size:,}"
            rows.append((label, f"{cached}/uncached@{size}", "cache"))
        rows.append((f"nginx / static, {size:,}", f"nginx/static@{size}", "front"))
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)
        for mode in modes:
            target = "scale" if mode == "uncached" else None
            rows.append((f"{large:,} / {small:,}, {mode}", f"{large}/{small}@{mode}", target))
    rows = [
        (label, target, [ratios.get(f"{key}/{page}") for page in pages])
        for label, key, target in rows
        if any(f"{key}/{page}" in ratios for page in pages)
    ]
    if rows:
        lines.append(f"\n{'ratio':<30}" + "".join(f"{page:>14}" for page in pages) + "    target")
    for label, target, values in rows:
        goal = TARGETS.get(target)
        cells = []
        for v in values:
            if v is None:
                cells.append("—")
            else:
                mark = "" if goal is None else (" ✓" if v >= goal else " ✗")
                cells.append(f"{v:.3g}{mark}")
        suffix = "" if goal is None else f"≥ {goal:g}" + ("×" if target == "cache" else "")
        lines.append(f"{label:<30}" + "".join(f"{cell:>14}" for cell in cells) + f"    {suffix}")
    return lines
