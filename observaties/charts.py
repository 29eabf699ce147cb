"""Trend charts as inline SVG, drawn on the server: readable without JavaScript and in PDFs.

Each approved observation is one 100% stacked bar of its distribution over the scale for one
condition; "geen gelegenheid" is written above the bar, never stacked into it.
"""

from django.utils.formats import date_format
from django.utils.html import escape, format_html, format_html_join
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
_CAREGIVER_LINE = 11  # a second label line under each bar when caregivers differ


def _shade(index, total):
    """Which of the shades a scale point gets: spread from light to dark over the scale."""
    if total <= 1:
        return len(_COLOURS) - 1
    return round(index * (len(_COLOURS) - 1) / (total - 1))


def _colour(index, total):
    return _COLOURS[_shade(index, total)]


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
                "date": _visit(
                    date_format(point.observation.visit_date, "SHORT_DATE_FORMAT"),
                    point.observation,
                    trend.caregivers_differ,
                ),
                "counts": counts,
                "none": point.distribution.no_opportunity,
            }
        )
    return "; ".join(parts) + "."


def _visit(visit, observation, with_caregiver):
    """A point's visit date, with the observed caregiver where the trend holds more than one."""
    return f"{visit} ({observation.get_caregiver_display()})" if with_caregiver else visit


def trend_svg(trend, *, chart_id: str) -> str:
    """One condition's trend over a child's approved observations, as an SVG element."""
    points = trend.points
    with_caregiver = trend.caregivers_differ
    width = max(_LEFT * 2 + len(points) * (_BAR + _GAP), 200)
    height = _HEIGHT + (_CAREGIVER_LINE if with_caregiver else 0)
    title = _("Verloop van ‘%(condition)s’") % {"condition": trend.condition.name}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(trend_description(trend))}</desc>',
        f'<line x1="{_LEFT}" y1="{_TOP + _PLOT}" x2="{width - _LEFT}" y2="{_TOP + _PLOT}" '
        f'stroke="#666" stroke-width="1"/>',
    ]
    # One path per scale point for all bars, and one for empty bars: far fewer SVG elements to
    # draw, which is most of a report's render time.
    levels = {}
    empty = []
    labels = []
    for index, point in enumerate(points):
        x = _LEFT + _GAP / 2 + index * (_BAR + _GAP)
        distribution = point.distribution
        observed = distribution.observed
        if observed:
            y = _TOP + _PLOT
            for level, (_option, count) in enumerate(distribution.counts):
                if count:
                    height = _PLOT * count / observed
                    y -= height
                    levels.setdefault(level, []).append(
                        f"M{x:.1f} {y:.1f}h{_BAR}v{height:.1f}h-{_BAR}Z"
                    )
        else:
            empty.append(f"M{x:.1f} {_TOP}h{_BAR}v{_PLOT}h-{_BAR}Z")
        centre = f"{x + _BAR / 2:.1f}"
        if distribution.no_opportunity:
            labels.append((centre, _TOP - 6, 9, f"–{distribution.no_opportunity}"))
        labels.append(
            (centre, _TOP + _PLOT + 14, 9, date_format(point.observation.visit_date, "m-y"))
        )
        if with_caregiver:
            # One word in a smaller size fits under its bar ("andere opvoeder" as "andere").
            caregiver = point.observation.get_caregiver_display().split()[0]
            labels.append((centre, _TOP + _PLOT + 14 + _CAREGIVER_LINE, 7.5, caregiver))
    levels_total = len(points[0].distribution.counts) if points else 0
    for level, segments in sorted(levels.items()):
        parts.append(
            f'<path d="{"".join(segments)}" fill="{_colour(level, levels_total)}" '
            f'stroke="#fff" stroke-width="0.5"/>'
        )
    if empty:
        parts.append(
            f'<path d="{"".join(empty)}" fill="none" stroke="#999" stroke-dasharray="3 2"/>'
        )
    for x, y, size, text in labels:
        parts.append(
            f'<text x="{x}" y="{y}" font-size="{size}" text-anchor="middle" fill="#333">'
            f"{escape(text)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def trend_table(trend) -> str:
    """The chart's numbers as a table: per approved observation its count per scale point."""
    header = (
        format_html_join(
            "",
            '<th scope="col">{}</th>',
            ((option.label,) for option, _count in trend.points[0].distribution.counts),
        )
        if trend.points
        else ""
    )
    rows = format_html_join(
        "",
        '<tr><th scope="row">{}</th>{}</tr>',
        (
            (
                _visit(
                    f"{point.observation.visit_date.day}-{point.observation.visit_date.month}-"
                    f"{point.observation.visit_date.year}",
                    point.observation,
                    trend.caregivers_differ,
                ),
                mark_safe("".join(f"<td>{count:d}</td>" for count in point.distribution.cells)),
            )
            for point in trend.points
        ),
    )
    return format_html(
        '<table class="table table-sm"><caption class="visually-hidden">{}</caption>'
        '<thead><tr><th scope="col">{}</th>{}<th scope="col">{}</th></tr></thead>'
        "<tbody>{}</tbody></table>",
        _("Verdeling per observatie voor %(condition)s") % {"condition": trend.condition.name},
        _("Huisbezoek"),
        header,
        _("geen gelegenheid"),
        rows,
    )


def legend(scale_labels) -> list[tuple[int, str]]:
    """(shade, label) pairs in scale order; the stylesheets colour `.swatch-<shade>` alike."""
    return [(_shade(index, len(scale_labels)), label) for index, label in enumerate(scale_labels)]
