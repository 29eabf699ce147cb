"""Trend charts as inline SVG, drawn on the server: readable without JavaScript and in PDFs.

Each approved observation is one 100% stacked bar of its distribution over the scale for one
condition; "geen gelegenheid" is written above the bar, never stacked into it.
"""

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

# From light (low on the scale) to dark (high); distinguishable in greyscale print too.
_COLOURS = ["#e8eef5", "#a9c6e3", "#4f8cc4", "#1d4f80", "#0b2a47"]

_HEIGHT = 150
_TOP = 22
_PLOT = 90
_BAR = 26
_GAP = 18
_LEFT = 8


def _colour(index, total):
    if total <= 1:
        return _COLOURS[-1]
    return _COLOURS[round(index * (len(_COLOURS) - 1) / (total - 1))]


def trend_description(trend) -> str:
    """The chart in words: the text alternative for screen readers and the SVG's desc."""
    if not trend.points:
        return _("Nog geen goedgekeurde observaties.")
    parts = []
    for point in trend.points:
        counts = ", ".join(f"{option.label} {count}" for option, count in point.distribution.counts)
        parts.append(
            _("%(date)s: %(counts)s, geen gelegenheid %(none)s")
            % {
                "date": date_format(point.observation.visit_date, "SHORT_DATE_FORMAT"),
                "counts": counts,
                "none": point.distribution.no_opportunity,
            }
        )
    return "; ".join(parts) + "."


def trend_svg(trend, *, chart_id: str) -> str:
    """One condition's trend over a child's approved observations, as an SVG element."""
    points = trend.points
    width = max(_LEFT * 2 + len(points) * (_BAR + _GAP), 200)
    title = _("Verloop van ‘%(condition)s’") % {"condition": trend.condition.name}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" role="img" '
        f'width="{width}" height="{_HEIGHT}" viewBox="0 0 {width} {_HEIGHT}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(trend_description(trend))}</desc>',
        f'<line x1="{_LEFT}" y1="{_TOP + _PLOT}" x2="{width - _LEFT}" y2="{_TOP + _PLOT}" '
        f'stroke="#666" stroke-width="1"/>',
    ]
    for index, point in enumerate(points):
        x = _LEFT + _GAP / 2 + index * (_BAR + _GAP)
        distribution = point.distribution
        observed = distribution.observed
        if observed:
            y = _TOP + _PLOT
            for level, (option, count) in enumerate(distribution.counts):
                if not count:
                    continue
                height = _PLOT * count / observed
                y -= height
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{_BAR}" height="{height:.1f}" '
                    f'fill="{_colour(level, len(distribution.counts))}" stroke="#fff" '
                    f'stroke-width="0.5"><title>{escape(option.label)}: {count}</title></rect>'
                )
        else:
            parts.append(
                f'<rect x="{x:.1f}" y="{_TOP}" width="{_BAR}" height="{_PLOT}" fill="none" '
                f'stroke="#999" stroke-dasharray="3 2"/>'
            )
        if distribution.no_opportunity:
            parts.append(
                f'<text x="{x + _BAR / 2:.1f}" y="{_TOP - 6}" font-size="9" '
                f'text-anchor="middle" fill="#333">–{distribution.no_opportunity}</text>'
            )
        label = date_format(point.observation.visit_date, "m-y")
        parts.append(
            f'<text x="{x + _BAR / 2:.1f}" y="{_TOP + _PLOT + 14}" font-size="9" '
            f'text-anchor="middle" fill="#333">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def legend(scale_labels) -> list[tuple[str, str]]:
    """(colour, label) pairs in scale order, for the legend beside the charts."""
    return [(_colour(index, len(scale_labels)), label) for index, label in enumerate(scale_labels)]
