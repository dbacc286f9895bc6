"""`manage.py bench_load`'s arithmetic, apart from the servers and locust so the tests can check
it on canned records: the phase of each request (before, during, after the fault), req/s and
percentiles per page kind, the 5xx by status and phase, publish-to-visible times, and the
comment reconciliation against the database.

A record is one line the locustfile wrote (bench/locustfile.py):
- `{"event": "request", "t": start, "kind": "home", "method": "GET", "url": "/", "status": 200,
  "ms": 12.3}` for every request (status 0: no answer at all);
- `{"event": "comment", "t": …, "ms": …, "token": …, "status": 302, "text_shown": false}`
  for each comment posted;
- `{"event": "publish" | "edit", "t": …, "token": …, "status": 302, "visible": {"home": 0.4,
  …}}` for each of the editor's saves (seconds until the token was on that page; null if it
  never was within the polling limit)."""

import math
import re
import statistics
from collections import Counter, defaultdict
from datetime import datetime

PHASES = ("before", "during", "after")
#: The pages readers browse, in the order the table shows them; the rest (the editor's admin
#: requests, the comment posts) follow.
READER_KINDS = ("home", "hub", "recap", "next recap", "search", "feed")
VISIBLE_ON = ("home", "hub", "feed", "recap")
ACCEPTED = (301, 302, 303)
#: gunicorn's access log as the bench writes it: `--access-logformat "%(t)s %(s)s %(L)s %(m)s
#: %(U)s"` (logged as the answer goes out, to the second; then the status, the seconds taken).
GUNICORN_FORMAT = "%(t)s %(s)s %(L)s %(m)s %(U)s"
ACCESS_LINE = re.compile(r"^\[(?P<when>[^\]]+)\] (?P<status>\d{3}) (?P<seconds>[\d.]+) ")


def phase_of(record, fault):
    """`before`, `during` or `after` the fault window `(start, end)` (epoch seconds): a request
    (sent at `t`, answered `ms` later) whose life overlaps the window is `during` it; `before`
    was answered before the fault began, `after` sent once the server was back."""
    start, end = fault
    if record["t"] + record.get("ms", 0) / 1000 < start:
        return "before"
    return "during" if record["t"] < end else "after"


def percentile(values, fraction):
    """The nearest-rank percentile of `values` (None when there are none)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def requests_of(records):
    return [r for r in records if r.get("event", "request") == "request"]


def page_figures(records, seconds):
    """{kind: {requests, rps, p50_ms, p99_ms}}, reader pages first, and an `all` row."""
    by_kind = defaultdict(list)
    for r in requests_of(records):
        by_kind[r["kind"]].append(r["ms"])
    kinds = [k for k in READER_KINDS if k in by_kind] + sorted(set(by_kind) - set(READER_KINDS))
    every = [ms for times in by_kind.values() for ms in times]
    rows = {}
    for kind, times in [*((k, by_kind[k]) for k in kinds), ("all", every)]:
        rows[kind] = {
            "requests": len(times),
            "rps": round(len(times) / seconds, 1) if seconds else None,
            "p50_ms": percentile(times, 0.50),
            "p99_ms": percentile(times, 0.99),
        }
    return rows


def statuses_by_phase(records, fault):
    """{phase: {status: count}} of every answer, and of the 5xx alone; status 0 is no answer."""
    every = {phase: Counter() for phase in PHASES}
    for r in requests_of(records):
        every[phase_of(r, fault)][r["status"]] += 1
    errors = {
        phase: {status: n for status, n in sorted(counts.items()) if status >= 500 or status == 0}
        for phase, counts in every.items()
    }
    return {
        "all": {phase: dict(sorted(counts.items())) for phase, counts in every.items()},
        "errors": errors,
    }


def served_stale(records, fault):
    """{phase: answers nginx gave from its cache past their lifetime (`X-Cache-Status:
    STALE`, as `proxy_cache_use_stale` does when the app errs), and answers the app's page
    cache marked stale}."""
    counts = {phase: {"nginx": 0, "app": 0} for phase in PHASES}
    for r in requests_of(records):
        phase = phase_of(r, fault)
        counts[phase]["nginx"] += (r.get("nginx") or "").upper() == "STALE"
        counts[phase]["app"] += (r.get("app") or "").lower() == "stale"
    return counts


def app_answers(lines, fault):
    """{phase: {status: count}} of what the app itself answered (its access log lines), nginx's
    own requests to it included: what nginx's stale copies hide from the readers. The log
    tells only the second an answer went out, so the fault's window is widened by a second
    each side: an answer counted before or after it certainly was."""
    counts = {phase: Counter() for phase in PHASES}
    fault = (fault[0] - 1, fault[1] + 1)
    for line in lines:
        match = ACCESS_LINE.match(line)
        if not match:
            continue
        answered = datetime.strptime(match["when"], "%d/%b/%Y:%H:%M:%S %z").timestamp() + 0.5
        seconds = float(match["seconds"])
        lifetime = {"t": answered - seconds, "ms": seconds * 1000}
        counts[phase_of(lifetime, fault)][int(match["status"])] += 1
    return {phase: dict(sorted(c.items())) for phase, c in counts.items()}


def errors_by_cache_history(records, fault):
    """The 5xx (and unanswered) reader GETs sent during the fault, split by whether that exact
    URL had been answered 200 before (so a cache could hold it) or never: with the database
    away, only pages never cached may fail, and only with a 503. The editor's admin pages are
    private, never kept by a cache, so they are not counted here."""
    answered = set()
    split = {"never cached": Counter(), "cached before": Counter()}
    for r in sorted(requests_of(records), key=lambda r: r["t"]):
        if r["method"] != "GET" or r.get("kind") not in READER_KINDS:
            continue
        failed = r["status"] >= 500 or r["status"] == 0
        if failed and phase_of(r, fault) == "during":
            history = "cached before" if r["url"] in answered else "never cached"
            split[history][r["status"]] += 1
        if r["status"] == 200:
            answered.add(r["url"])
    return {history: dict(sorted(counts.items())) for history, counts in split.items()}


def visibility(records):
    """For publishes and edits, read through nginx and from the app: per page, the median and
    worst seconds to visible and how many were never seen within the polling limit."""
    figures = {}
    for event, side in [(e, s) for e in ("publish", "edit") for s in ("nginx", "app")]:
        saves = [r for r in records if r.get("event") == event]
        saved = [r for r in saves if r["status"] in ACCEPTED]
        row = {"saves": len(saves), "saved": len(saved)}
        for page in VISIBLE_ON:
            polled = [r["visible"][side][page] for r in saved if page in r["visible"].get(side, {})]
            if not polled:
                continue  # not looked for there (the hub shows no subtitles)
            seen = [s for s in polled if s is not None]
            row[page] = {
                "median_s": round(statistics.median(seen), 2) if seen else None,
                "max_s": round(max(seen), 2) if seen else None,
                "not_seen": len(polled) - len(seen),
            }
        figures[f"{event}, {side}"] = row
    return figures


def reconcile(records, stored_counts, fault=None):
    """Every comment posted, against `stored_counts` ({token: rows holding it}, read from the
    database afterwards). An accepted comment (a redirect back to the recap) must be stored
    exactly once; a refused one must be a 503 whose page shows the text again, and stored
    nowhere. Anything else is listed by status: that text is what a reader lost."""
    comments = [r for r in records if r.get("event") == "comment"]
    accepted = [r for r in comments if r["status"] in ACCEPTED]
    refused = [r for r in comments if r["status"] == 503]
    other = [r for r in comments if r["status"] not in ACCEPTED and r["status"] != 503]
    stored = [stored_counts.get(r["token"], 0) for r in accepted]
    result = {
        "posted": len(comments),
        "accepted": len(accepted),
        "accepted_stored_once": stored.count(1),
        "accepted_missing": stored.count(0),
        "accepted_stored_twice_or_more": sum(1 for n in stored if n > 1),
        "refused_503": len(refused),
        "refused_503_text_shown": sum(1 for r in refused if r["text_shown"]),
        "refused_503_stored_anyway": sum(1 for r in refused if stored_counts.get(r["token"], 0)),
        "other": dict(sorted(Counter(r["status"] for r in other).items())),
        "other_stored": sum(1 for r in other if stored_counts.get(r["token"], 0)),
        "other_text_shown": sum(1 for r in other if r["text_shown"]),
    }
    blocked = [r for r in records if r.get("event") == "comment_blocked"]
    result["could_not_start"] = dict(sorted(Counter(r["status"] for r in blocked).items()))
    if fault is not None:
        result["posted_by_phase"] = {
            phase: sum(1 for r in comments if phase_of(r, fault) == phase) for phase in PHASES
        }
    result["ok"] = (
        result["accepted_stored_once"] == result["accepted"]
        and result["refused_503_text_shown"] == result["refused_503"]
        and not result["refused_503_stored_anyway"]
        and not other
    )
    return result


def summarise(records, fault, seconds, stored_counts, app_log=()):
    return {
        "app_answers": app_answers(app_log, fault),
        "pages": page_figures(records, seconds),
        "statuses": statuses_by_phase(records, fault),
        "errors_by_kind": errors_by_kind(records, fault),
        "stale": served_stale(records, fault),
        "errors_during_by_cache_history": errors_by_cache_history(records, fault),
        "visibility": visibility(records),
        "comments": reconcile(records, stored_counts, fault),
    }


def targets(fault_kind, summary):
    """The issue's targets for this run: [(what, met, the figure)]."""
    errors = summary["statuses"]["errors"]
    found = []
    app = {
        phase: sum(n for status, n in counts.items() if status >= 500)
        for phase, counts in summary["app_answers"].items()
    }
    if fault_kind == "redis":
        total = sum(sum(counts.values()) for counts in errors.values())
        found.append(("no 5xx at all", total == 0, f"{total:,}"))
        found.append(("none from the app itself", not sum(app.values()), f"{sum(app.values()):,}"))
    else:
        outside = sum(sum(errors[phase].values()) for phase in ("before", "after"))
        found.append(("no 5xx outside the outage", outside == 0, f"{outside:,}"))
        app_outside = app["before"] + app["after"]
        found.append(("none from the app itself", app_outside == 0, f"{app_outside:,}"))
        history = summary["errors_during_by_cache_history"]
        wrong = sum(history["cached before"].values()) + sum(
            n for status, n in history["never cached"].items() if status != 503
        )
        found.append(
            ("during it, only 503s and only for pages never cached", wrong == 0, f"{wrong:,} other")
        )
    publish = summary["visibility"].get("publish, app", {})
    worst = [publish[page]["max_s"] for page in ("home", "hub", "feed") if page in publish]
    never = sum(publish[page]["not_seen"] for page in ("home", "hub", "feed") if page in publish)
    slowest = max((w for w in worst if w is not None), default=None)
    met = bool(worst) and not never and slowest is not None and slowest <= 1.0
    found.append(
        (
            "a publish on home, hub and feed within 1 s (the app)",
            met,
            "no publish" if not worst else f"worst {slowest} s, {never} never",
        )
    )
    comments = summary["comments"]
    found.append(("every comment accounted for", comments["ok"], f"{comments['posted']} posted"))
    return found


# -- the table --------------------------------------------------------------------------------


def _ms(value):
    return "—" if value is None else f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _seconds(cell):
    if cell is None:
        return "—"
    if cell["median_s"] is None:
        return f"never ({cell['not_seen']})" if cell["not_seen"] else "—"
    text = f"{cell['median_s']:.2f} / {cell['max_s']:.2f}"
    return text + (f" ({cell['not_seen']} never)" if cell["not_seen"] else "")


def _counts(counts):
    return ", ".join(f"{n:,}×{status or 'none'}" for status, n in counts.items()) or "0"


def table(run):
    """One run's figures as Markdown, to paste into the README."""
    summary = run["summary"]
    lines = [
        f"**{run['title']}** — {run['readers']} readers ({run['commenters']} commenting), "
        f"1 editor, {run['seconds']:.0f} s, fault {run['fault_offset'][0]:.0f}–"
        f"{run['fault_offset'][1]:.0f} s; commit `{run['commit']}`"
        + (f"; load average {run['load_average']:.1f}" if run.get("load_average") else ""),
        "",
        "| page | requests | req/s | p50 ms | p99 ms | 5xx before | 5xx during | 5xx after |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    by_kind = summary["errors_by_kind"]
    for kind, row in summary["pages"].items():
        errors = by_kind.get(kind, {})
        cells = [_counts(errors.get(phase, {})) for phase in PHASES]
        lines.append(
            f"| {kind} | {row['requests']:,} | {row['rps']:.1f} | {_ms(row['p50_ms'])} | "
            f"{_ms(row['p99_ms'])} | " + " | ".join(cells) + " |"
        )
    statuses = summary["statuses"]
    lines += [
        "",
        "| answers | before | during | after |",
        "| --- | --- | --- | --- |",
        "| every status | "
        + " | ".join(_counts(statuses["all"][phase]) for phase in PHASES)
        + " |",
        "| 5xx / none | "
        + " | ".join(_counts(statuses["errors"][phase]) for phase in PHASES)
        + " |",
    ]
    app = summary["app_answers"]
    lines.append(
        "| the app's own answers (gunicorn), 5xx | "
        + " | ".join(
            f"{sum(app[phase].values()):,} answers, "
            + _counts({s: n for s, n in app[phase].items() if s >= 500})
            for phase in PHASES
        )
        + " |"
    )
    stale = summary["stale"]
    lines.append(
        "| stale answers (nginx / app) | "
        + " | ".join(f"{stale[phase]['nginx']:,} / {stale[phase]['app']:,}" for phase in PHASES)
        + " |"
    )
    history = summary["errors_during_by_cache_history"]
    lines.append(
        f"\nFailed reader GETs during the fault: pages never answered before "
        f"{_counts(history['never cached'])}; pages answered 200 before "
        f"{_counts(history['cached before'])}."
    )
    lines += [
        "",
        "| seconds to visible (median / max) | saves | home | hub | feed | recap page |",
        "| --- | ---: | --- | --- | --- | --- |",
    ]
    for event, row in summary["visibility"].items():
        lines.append(
            f"| {event} | {row['saved']}/{row['saves']} | "
            + " | ".join(_seconds(row.get(page)) for page in VISIBLE_ON)
            + " |"
        )
    lines += [
        "",
        "Targets: "
        + "; ".join(
            f"{'✓' if met else '✗'} {what} ({figure})"
            for what, met, figure in targets(run["fault"], summary)
        )
        + ".",
    ]
    c = summary["comments"]
    lines += [
        "",
        f"Comments: {c['posted']} posted; {c['accepted']} accepted, of which "
        f"{c['accepted_stored_once']} stored once, {c['accepted_missing']} missing, "
        f"{c['accepted_stored_twice_or_more']} stored twice; {c['refused_503']} refused with a "
        f"503, {c['refused_503_text_shown']} of them with the text shown again "
        f"({c['refused_503_stored_anyway']} stored anyway); other answers "
        f"{_counts(c['other'])} ({c['other_text_shown']} with the text shown, "
        f"{c['other_stored']} stored). Reconciliation: {'OK' if c['ok'] else 'FAILED'}. "
        f"Comments never started, the recap page failing: {_counts(c['could_not_start'])}.",
    ]
    return "\n".join(lines)


def errors_by_kind(records, fault):
    """{kind: {phase: {status: count}}} of the 5xx and unanswered requests."""
    found = defaultdict(lambda: {phase: Counter() for phase in PHASES})
    for r in requests_of(records):
        if r["status"] >= 500 or r["status"] == 0:
            for kind in (r["kind"], "all"):
                found[kind][phase_of(r, fault)][r["status"]] += 1
    return {
        kind: {phase: dict(sorted(counts.items())) for phase, counts in phases.items()}
        for kind, phases in found.items()
    }
