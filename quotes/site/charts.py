"""Server-rendered charts for the site's pages: bar lengths as percentages (drawn by CSS)
and a month-by-month line chart as SVG built from escaped parts. No JavaScript, nothing
loaded from elsewhere."""

from __future__ import annotations

from markupsafe import Markup, escape

# Colours a speaker keeps on one page (readable as a mark's background and as a line).
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
           "#e377c2", "#7f7f7f", "#bcbd22", "#393b79", "#ad494a")
NO_SPEAKER = "#9a9a9a"


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def bars(rows: list[dict], value: str = "count") -> list[dict]:
    """Each row with `pct`: its value as a share of the largest (the bar's length)."""
    top = max((row[value] or 0 for row in rows), default=0)
    return [dict(row, pct=round(100.0 * (row[value] or 0) / top, 1) if top else 0) for row in rows]


def shares(rows: list[dict], value: str = "count") -> list[dict]:
    """Each row with `pct`: its share of the total (segments of a 100% bar)."""
    total = sum(row[value] or 0 for row in rows)
    return [dict(row, pct=round(100.0 * (row[value] or 0) / total, 1) if total else 0) for row in rows]


def month_lines(months: list[str], series: list[tuple[str, str, dict[str, int]]],
                width: int = 900, height: int = 260) -> Markup:
    """An SVG line chart: one line a series (name, colour, {month: count}) over the months."""
    if not months or not series:
        return Markup("")
    left, right, top, bottom = 40, 12, 12, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([1] + [count for _, _, counts in series for count in counts.values()])
    step = plot_w / max(1, len(months) - 1)

    def x(i):
        return left + (i * step if len(months) > 1 else plot_w / 2)

    def y(v):
        return top + plot_h - plot_h * v / peak

    parts = [Markup('<svg class="month-chart" viewBox="0 0 {} {}" role="img" '
                    'aria-label="Statements per month" preserveAspectRatio="xMidYMid meet">').format(width, height)]
    for tick in sorted({0, peak // 2, peak}):
        parts.append(Markup('<line x1="{}" x2="{}" y1="{:.1f}" y2="{:.1f}" class="grid"/>'
                            '<text x="{}" y="{:.1f}" class="axis" text-anchor="end">{}</text>').format(
            left, width - right, y(tick), y(tick), left - 6, y(tick) + 4, tick))
    every = max(1, len(months) // 12 + (1 if len(months) % 12 else 0))
    for i, month in enumerate(months):
        if i % every == 0 or i == len(months) - 1:
            parts.append(Markup('<text x="{:.1f}" y="{}" class="axis" text-anchor="middle">{}</text>').format(
                x(i), height - 12, month))
    for name, stroke, counts in series:
        points = " ".join(f"{x(i):.1f},{y(counts.get(m, 0)):.1f}" for i, m in enumerate(months))
        parts.append(Markup('<polyline fill="none" stroke="{}" stroke-width="2.5" points="{}"/>').format(stroke, points))
        for i, month in enumerate(months):
            count = counts.get(month, 0)
            parts.append(Markup('<circle cx="{:.1f}" cy="{:.1f}" r="3.5" fill="{}"><title>{}, {}: {}</title></circle>').format(
                x(i), y(count), stroke, escape(name), month, count))
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
