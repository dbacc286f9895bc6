"""bench.faults: the fault's timing (a fake server stands in for Redis)."""

import time

from bench.faults import inject


class FakeServer:
    def __init__(self):
        self.calls = []

    def kill(self):
        self.calls.append(("kill", time.time()))

    def start(self):
        self.calls.append(("start", time.time()))


def test_the_fault_is_injected_at_its_moment_for_its_length_and_its_window_recorded():
    redis = FakeServer()
    window = {}
    at = time.time() + 0.05
    inject("redis", redis, None, at, 0.2, window)
    assert [name for name, _ in redis.calls] == ["kill", "start"]
    assert window["start"] >= at
    assert window["end"] - window["start"] >= 0.2
    assert redis.calls[0][1] >= window["start"] and redis.calls[1][1] <= window["end"]
