"""Trend charts as inline SVG, drawn on the server: readable without JavaScript and in PDFs.

Each approved observation is one bar stacked from its item counts per scale point for one
condition, on an axis of item counts; "geen gelegenheid" is written above the bar in words, never
stacked into it.
"""

from django.utils.formats import date_format
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

# From light (low on the scale) to dark (high); distinguishable in greyscale print too.
_COLOURS = ["#e8eef5", "#a9c6e3", "#4f8cc4", "#1d4f80", "#0b2a47"]

_TOP = 40  # room above the plot for the words over each bar
_PLOT = 90
_BAR = 28
_GAP = 34
_LEFT = 24  # the axis and its numbers
_RIGHT = 6
_AXIS_LINES = 3  # under each bar the visit's date ("04-09", "2026") and its situation ("spel")
_LINE = 10
_CAREGIVER_LINE = 10  # a further label line under each bar when caregivers differ
_DARK_FROM = 2  # shades from here on are dark: their counts are written in white
_COUNT_MIN_HEIGHT = 9  # a segment lower than this has its count written beside the bar instead


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
                    date_format(point.observation.visit_date, "d-m-Y"),
                    point.observation,
                    trend.caregivers_differ,
                )
                + (" " + _("(ter beoordeling)") if point.pending else ""),
                "counts": counts,
                "none": point.distribution.no_opportunity,
            }
        )
    return "; ".join(parts) + "."


def _visit(visit, observation, with_caregiver):
    """A point's visit date, with the observed caregiver where the trend holds more than one,
    and the visit's situation."""
    date = f"{visit} ({observation.get_caregiver_display()})" if with_caregiver else visit
    return f"{date}, {observation.get_setting_display()}"


def _text(x, y, size, text, *, fill="#333", anchor="middle", weight=None):
    bold = ' font-weight="bold"' if weight else ""
    return (
        f'<text x="{x}" y="{y}" font-size="{size}" text-anchor="{anchor}" fill="{fill}"{bold}>'
        f"{escape(text)}</text>"
    )


# On a screen the chart is drawn twice its size in the PDF: its smallest text (7 units) is then
# 14 px, the size of Bootstrap's `.small` text; a chart wider than the page scrolls sideways.
SCREEN_SCALE = 2


def trend_svg(trend, *, chart_id: str, scale: float = 1) -> str:
    """One condition's trend over a child's approved observations, as an SVG element, `scale`
    times its size in the PDF (its drawing and text alike).

    Each visit is a bar stacked from the number of items on each scale point, on one axis of
    item counts for the whole chart: a visit with three observed items is a short bar, and one
    answer more or less is one step, never half the chart. Each segment carries its count; above
    the bar stand the number of observed items and, in words, how many had no opportunity.
    """
    points = trend.points
    with_caregiver = trend.caregivers_differ
    width = max(_LEFT + _RIGHT + len(points) * (_BAR + _GAP), 200)
    bottom = _TOP + _PLOT
    pending = any(point.pending for point in points)
    height = (
        bottom
        + 6
        + _LINE * _AXIS_LINES
        + (_CAREGIVER_LINE if with_caregiver else 0)
        + (_LINE if pending else 0)
    )
    title = _("Verloop van ‘%(condition)s’") % {"condition": trend.condition.name}
    most = max((point.distribution.observed for point in points), default=0) or 1
    unit = _PLOT / most
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" role="img" '
        f'width="{width * scale:g}" height="{height * scale:g}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(trend_description(trend))}</desc>',
    ]
    # The axis: item counts from 0 to the most observed at one visit, with a faint line at each.
    ticks = sorted({0, most, most // 2} if most >= 4 else set(range(most + 1)))
    for tick in ticks:
        y = bottom - tick * unit
        parts.append(
            f'<line x1="{_LEFT}" y1="{y:.1f}" x2="{width - _RIGHT}" y2="{y:.1f}" '
            f'stroke="{"#666" if tick == 0 else "#ddd"}" stroke-width="{1 if tick == 0 else 0.5}"/>'
        )
        parts.append(_text(_LEFT - 4, f"{y + 3:.1f}", 8, str(tick), anchor="end"))
    parts.append(
        f'<line x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{bottom}" stroke="#666" '
        f'stroke-width="1"/>'
    )
    # One path per scale point for all bars: far fewer SVG elements to draw, which is most of a
    # report's render time.
    levels = {}
    empty = []
    labels = []
    levels_total = len(points[0].distribution.counts) if points else 0
    for index, point in enumerate(points):
        x = _LEFT + _GAP / 2 + index * (_BAR + _GAP)
        centre = f"{x + _BAR / 2:.1f}"
        distribution = point.distribution
        observed = distribution.observed
        y = bottom
        for level, (_option, count) in enumerate(distribution.counts):
            if not count:
                continue
            segment = unit * count
            y -= segment
            levels.setdefault(level, []).append(f"M{x:.1f} {y:.1f}h{_BAR}v{segment:.1f}h-{_BAR}Z")
            shade = _shade(level, levels_total)
            if segment >= _COUNT_MIN_HEIGHT:
                fill = "#fff" if shade >= _DARK_FROM else "#111"
                labels.append(_text(centre, f"{y + segment / 2 + 3:.1f}", 8, str(count), fill=fill))
            else:
                labels.append(
                    _text(
                        f"{x + _BAR + 2:.1f}",
                        f"{y + segment / 2 + 3:.1f}",
                        7,
                        str(count),
                        anchor="start",
                    )
                )
        if not observed:
            empty.append(f"M{x:.1f} {bottom - _PLOT / 3:.1f}h{_BAR}v{_PLOT / 3:.1f}h-{_BAR}Z")
        labels.append(
            _text(centre, f"{y - 4:.1f}", 8, _("%(n)s items") % {"n": observed}, weight=True)
        )
        if distribution.no_opportunity:
            labels.append(
                _text(
                    centre,
                    8,
                    7,
                    _("%(n)s × geen") % {"n": distribution.no_opportunity},
                )
            )
            labels.append(_text(centre, 16, 7, _("gelegenheid")))
        date_line = bottom + 6 + _LINE - 2
        visit = point.observation.visit_date
        labels.append(_text(centre, date_line, 7.5, date_format(visit, "d-m")))
        labels.append(_text(centre, date_line + _LINE, 7.5, str(visit.year)))
        # The situation of the visit: behaviour at a meal is not behaviour at play.
        labels.append(
            _text(centre, date_line + 2 * _LINE, 7.5, point.observation.get_setting_display())
        )
        line = date_line + 2 * _LINE
        if with_caregiver:
            # One word in a smaller size fits under its bar ("andere opvoeder" as "andere").
            line += _CAREGIVER_LINE
            caregiver = point.observation.get_caregiver_display().split()[0]
            labels.append(_text(centre, line, 7.5, caregiver, weight=True))
        if point.pending:
            # The visit under review, shown beside the approved ones it is compared with.
            labels.append(_text(centre, line + _LINE, 7.5, _("ter beoordeling"), weight=True))
            labels.append(
                f'<rect x="{x - 2:.1f}" y="{_TOP - 14}" width="{_BAR + 4}" '
                f'height="{bottom - _TOP + 16}" fill="none" stroke="#842029" '
                f'stroke-dasharray="3 2"/>'
            )
    for level, segments in sorted(levels.items()):
        parts.append(
            f'<path d="{"".join(segments)}" fill="{_colour(level, levels_total)}" '
            f'stroke="#fff" stroke-width="0.5"/>'
        )
    if empty:
        parts.append(
            f'<path d="{"".join(empty)}" fill="none" stroke="#999" stroke-dasharray="3 2"/>'
        )
    parts.extend(labels)
    parts.append("</svg>")
    return mark_safe("".join(parts))


def trend_table(trend) -> str:
    """The chart's numbers as a table: per approved observation its count per scale point."""
    scale = (
        [option.label for option, _count in trend.points[0].distribution.counts]
        if trend.points
        else []
    )
    header = format_html_join("", '<th scope="col">{}</th>', ((label,) for label in scale))
    # On a phone the table is a stack of rows; each count says which column it is in.
    labels = [escape(label) for label in [*scale, _("geen gelegenheid")]]
    rows = format_html_join(
        "",
        '<tr><th scope="row">{}</th>{}</tr>',
        (
            (
                _visit(
                    date_format(point.observation.visit_date, "d-m-Y"),
                    point.observation,
                    trend.caregivers_differ,
                ),
                mark_safe(
                    "".join(
                        f'<td data-label="{label}">{count:d}</td>'
                        for label, count in zip(labels, point.distribution.cells, strict=True)
                    )
                ),
            )
            for point in trend.points
        ),
    )
    return format_html(
        '<table class="table table-sm table-stack"><caption class="visually-hidden">{}</caption>'
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
