"""CPU time of calls in this process (time.process_time): medians, measured in turns."""

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext


def cpu(call, runs):
    """Median CPU milliseconds of `runs` calls (one warm-up call first)."""
    call()
    times = []
    for _run in range(runs):
        started = time.process_time()
        call()
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def interleaved(calls, runs):
    """Median CPU milliseconds of each call, measured in turns so the machine's ups and downs
    fall on all of them alike."""
    for call in calls:
        call()
    times = [[] for _call in calls]
    for _run in range(runs):
        for call, into in zip(calls, times, strict=True):
            started = time.process_time()
            call()
            into.append((time.process_time() - started) * 1000)
    return [statistics.median(each) for each in times]


def queries(calls):
    """How many queries each of `calls` (a dict of name: call) makes, by name."""
    counts = {}
    for name, call in calls.items():
        with CaptureQueriesContext(connection) as made:
            call()
        counts[name] = len(made)
    return counts
