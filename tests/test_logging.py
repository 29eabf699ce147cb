"""Structured logs: one JSON object per line, and nothing about families in them."""

import json
import logging

from config.logging import JsonFormatter


def test_log_lines_are_json():
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Fout %s", ("x",), None
    )
    entry = json.loads(JsonFormatter().format(record))
    assert entry["level"] == "ERROR"
    assert entry["logger"] == "django.request"
    assert entry["message"] == "Fout x"
