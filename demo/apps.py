from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data, benchmarks and the load test's fixtures: installed only in debug or demo mode,
    for a benchmark or for a load test (see `config/settings.py`), never in production."""

    name = "demo"
    verbose_name = "Demo en metingen"
