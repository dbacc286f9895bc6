"""bench.load_report on canned records: the phase of a request, the 5xx by phase and by cache
history, publish-to-visible, the comment reconciliation, the table. (Locust itself never runs in
the suite: figures belong in a benchmark, not a timed test.)"""

from datetime import UTC, datetime

from bench import load_report as report

FAULT = (100.0, 120.0)


def request(t, kind="home", status=200, url="/", method="GET", ms=10.0, **headers):
    return {
        "event": "request",
        "t": t,
        "kind": kind,
        "method": method,
        "url": url,
        "status": status,
        "ms": ms,
        **headers,
    }


def comment(token, status, text_shown=False, t=110.0):
    return {"event": "comment", "t": t, "token": token, "status": status, "text_shown": text_shown}


def test_a_request_whose_life_overlaps_the_fault_is_during_it():
    assert report.phase_of(request(99.0, ms=999), FAULT) == "before"
    assert report.phase_of(request(99.0, ms=1000), FAULT) == "during"  # answered as it began
    assert report.phase_of(request(110.0), FAULT) == "during"
    assert report.phase_of(request(119.99, ms=5000), FAULT) == "during"
    assert report.phase_of(request(120.0), FAULT) == "after"
    assert report.phase_of(comment("a", 302, t=99.5), FAULT) == "before"


def test_percentiles_are_nearest_rank():
    values = list(range(1, 101))
    assert report.percentile(values, 0.5) == 50
    assert report.percentile(values, 0.99) == 99
    assert report.percentile([7.0], 0.99) == 7.0
    assert report.percentile([], 0.5) is None


def test_5xx_are_counted_by_status_and_phase_and_unanswered_requests_too():
    records = [
        request(50, status=200),
        request(101, status=500),
        request(102, status=503),
        request(103, status=503),
        request(104, status=0),
        request(130, status=404),
        request(131, status=502),
        comment("x", 302),  # events other than requests are not answers
    ]
    statuses = report.statuses_by_phase(records, FAULT)
    assert statuses["errors"] == {"before": {}, "during": {0: 1, 500: 1, 503: 2}, "after": {502: 1}}
    assert statuses["all"]["after"] == {404: 1, 502: 1}
    by_kind = report.errors_by_kind(records, FAULT)
    assert by_kind["home"]["during"] == {0: 1, 500: 1, 503: 2}
    assert by_kind["all"]["after"] == {502: 1}


def test_failures_during_the_fault_split_by_whether_the_page_was_answered_before():
    records = [
        request(10, url="/recaps/a/", status=200),
        request(105, url="/recaps/a/", status=503),  # was answered: a cache could hold it
        request(106, url="/search/?q=new", status=503),  # never answered before
        request(107, url="/search/?q=new", status=503),
        request(108, url="/recaps/b/", status=500),
        request(109, url="/comments/post/", status=503, method="POST"),  # a post is no page
        request(10, kind="admin", url="/admin/", status=200),
        request(110, kind="admin", url="/admin/", status=503),  # private: no cache holds it
        request(130, url="/recaps/c/", status=503),  # after the fault
    ]
    split = report.errors_by_cache_history(records, FAULT)
    assert split == {"never cached": {500: 1, 503: 2}, "cached before": {503: 1}}


def test_stale_answers_are_counted_per_phase_for_nginx_and_the_app():
    records = [
        request(10, nginx="HIT", app="hit"),
        request(101, nginx="STALE"),
        request(102, nginx="MISS", app="stale"),
        request(103, nginx="STALE", app="stale"),
    ]
    stale = report.served_stale(records, FAULT)
    assert stale["before"] == {"nginx": 0, "app": 0}
    assert stale["during"] == {"nginx": 2, "app": 2}


def test_the_apps_own_answers_are_read_from_gunicorns_access_log_by_phase():
    def line(moment, status, seconds="0.002000"):
        when = datetime.fromtimestamp(moment, UTC).strftime("%d/%b/%Y:%H:%M:%S %z")
        return f"[{when}] {status} {seconds} GET /recaps/a/"

    start = datetime(2026, 12, 6, 8, 0, 0, tzinfo=UTC).timestamp()
    fault = (start + 100, start + 120)
    lines = [
        line(start + 50, 200),
        line(start + 97, 500),  # answered before the fault: a failure of its own
        line(start + 99.5, 500),  # within the second before it: it may have met the fault
        line(start + 100, 500),  # answered in the second the fault began
        line(start + 110, 503),
        line(start + 121, 500, seconds="2.000000"),  # sent during it, answered after
        line(start + 130, 200),
        "[2026-12-06 08:00:00 +0000] [42] [WARNING] not an access line",
    ]
    assert report.app_answers(lines, fault) == {
        "before": {200: 1, 500: 1},
        "during": {500: 3, 503: 1},
        "after": {200: 1},
    }
    assert report.GUNICORN_FORMAT.startswith("%(t)s %(s)s %(L)s")


def test_page_figures_per_kind_with_rates_and_percentiles():
    records = [request(t, kind="home", ms=t) for t in range(1, 11)]
    records += [request(5, kind="search", ms=100.0)]
    pages = report.page_figures(records, seconds=10)
    assert list(pages) == ["home", "search", "all"]
    assert pages["home"] == {"requests": 10, "rps": 1.0, "p50_ms": 5, "p99_ms": 10}
    assert pages["all"]["requests"] == 11


def test_publish_to_visible_medians_never_seen_and_pages_not_looked_at():
    def save(event, status, nginx, app):
        return {
            "event": event,
            "t": 1,
            "token": "t",
            "status": status,
            "visible": {"nginx": nginx, "app": app},
        }

    records = [
        save(
            "publish",
            302,
            {"home": 9.0, "hub": 10.0, "feed": 9.5},
            {"home": 0.2, "hub": 0.3, "feed": 0.4},
        ),
        save(
            "publish",
            302,
            {"home": 8.0, "hub": None, "feed": 9.0},
            {"home": 0.4, "hub": 0.5, "feed": 0.6},
        ),
        save("publish", 500, {}, {}),
        save(
            "edit",
            302,
            {"home": 1.0, "feed": 1.0, "recap": 0.1},
            {"home": 0.1, "feed": 0.1, "recap": 0.1},
        ),
    ]
    figures = report.visibility(records)
    assert figures["publish, nginx"]["saves"] == 3
    assert figures["publish, nginx"]["saved"] == 2
    assert figures["publish, nginx"]["home"] == {"median_s": 8.5, "max_s": 9.0, "not_seen": 0}
    assert figures["publish, nginx"]["hub"] == {"median_s": 10.0, "max_s": 10.0, "not_seen": 1}
    assert figures["publish, app"]["feed"]["max_s"] == 0.6
    assert "hub" not in figures["edit, app"]  # the hub shows no subtitles: not looked for


def test_every_accepted_comment_stored_once_and_every_refusal_a_503_showing_the_text():
    records = [
        comment("a", 302),
        comment("b", 302),
        comment("c", 503, text_shown=True),
    ]
    result = report.reconcile(records, {"a": 1, "b": 1}, FAULT)
    assert result["ok"]
    assert result["accepted_stored_once"] == 2
    assert result["refused_503_text_shown"] == 1
    assert result["posted_by_phase"] == {"before": 0, "during": 3, "after": 0}


def test_reconciliation_fails_on_a_lost_a_doubled_or_a_silently_refused_comment():
    lost = report.reconcile([comment("a", 302)], {})
    assert lost["accepted_missing"] == 1 and not lost["ok"]
    doubled = report.reconcile([comment("a", 302)], {"a": 2})
    assert doubled["accepted_stored_twice_or_more"] == 1 and not doubled["ok"]
    text_gone = report.reconcile([comment("a", 503, text_shown=False)], {})
    assert text_gone["refused_503_text_shown"] == 0 and not text_gone["ok"]
    refused_but_kept = report.reconcile([comment("a", 503, text_shown=True)], {"a": 1})
    assert refused_but_kept["refused_503_stored_anyway"] == 1 and not refused_but_kept["ok"]
    error_page = report.reconcile([comment("a", 500), comment("b", 0)], {})
    assert error_page["other"] == {0: 1, 500: 1} and not error_page["ok"]


def test_the_table_holds_each_figure_in_markdown():
    records = [
        request(10, kind="home"),
        request(105, kind="recap", url="/recaps/a/", status=503),
        request(106, kind="home", nginx="STALE"),
        comment("a", 302),
        comment("b", 503, text_shown=True),
    ]
    run = {
        "title": "Run 2: PostgreSQL stopped for 20 s",
        "fault": "postgres",
        "readers": 200,
        "commenters": 10,
        "seconds": 180.0,
        "fault_offset": (80.0, 100.0),
        "commit": "abc1234",
        "summary": report.summarise(records, FAULT, 180.0, {"a": 1}),
    }
    text = report.table(run)
    assert "**Run 2: PostgreSQL stopped for 20 s** — 200 readers (10 commenting)" in text
    assert "| recap | 1 | 0.0 | 10.0 | 10.0 | 0 | 1×503 | 0 |" in text
    assert "| stale answers (nginx / app) | 0 / 0 | 1 / 0 | 0 / 0 |" in text
    assert "pages never answered before 1×503; pages answered 200 before 0." in text
    assert "Reconciliation: OK." in text
    assert "✓ no 5xx outside the outage (0)" in text
    assert "✓ none from the app itself (0)" in text
    assert "| the app's own answers (gunicorn), 5xx | 0 answers, 0 |" in text
    assert "✓ during it, only 503s and only for pages never cached (0 other)" in text
    assert "✗ a publish on home, hub and feed within 1 s (the app) (no publish)" in text


def test_the_targets_of_a_redis_run_are_no_5xx_at_all_and_a_publish_seen_within_a_second():
    def summary(records):
        return report.summarise(records, FAULT, 180.0, {})

    published = {
        "event": "publish",
        "t": 50,
        "token": "t",
        "status": 302,
        "visible": {"nginx": {}, "app": {"home": 0.2, "hub": 0.3, "feed": 0.9}},
    }
    clean = {what: met for what, met, _ in report.targets("redis", summary([published]))}
    assert clean == {
        "no 5xx at all": True,
        "none from the app itself": True,
        "a publish on home, hub and feed within 1 s (the app)": True,
        "every comment accounted for": True,
    }
    late = {**published, "visible": {"app": {"home": 0.2, "hub": 1.5, "feed": None}}}
    failed = report.targets("redis", summary([request(110, status=500), late]))
    assert [met for _, met, _ in failed] == [False, True, False, True]
    assert failed[2][2] == "worst 1.5 s, 1 never"
