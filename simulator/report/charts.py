"""Tiny inline SVG charts (no scripts, no fonts fetched): strips, bars and lines.

Every chart also carries its numbers as text, so nothing depends on colour or on
seeing the picture.
"""

from __future__ import annotations

from html import escape

WIDTH = 560
ROW = 22
LEFT = 190


def strip_chart(rows: list[tuple[str, list[float]]], high: float = 3.0,
                marks: dict[str, float] | None = None) -> str:
    """One row per label; a dot per value on a 0..high scale, the mean as a bar, and the
    row's pass mark (when it has one) as a dashed line."""
    height = ROW * len(rows) + 30
    span = WIDTH - LEFT - 20
    parts = [f'<svg role="img" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}"'
             ' xmlns="http://www.w3.org/2000/svg">']
    for tick in range(int(high) + 1):
        x = LEFT + span * tick / high
        parts.append(f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 22}" class="grid"/>'
                     f'<text x="{x:.1f}" y="{height - 6}" class="tick">{tick}</text>')
    for i, (label, values) in enumerate(rows):
        y = 14 + i * ROW
        parts.append(f'<text x="4" y="{y + 4}" class="label">{escape(label)}</text>')
        for value in values:
            parts.append(f'<circle cx="{LEFT + span * value / high:.1f}" cy="{y}" r="3"'
                         ' class="dot"/>')
        mark = (marks or {}).get(label)
        if mark is not None:
            x = LEFT + span * mark / high
            parts.append(f'<line x1="{x:.1f}" y1="{y - 9}" x2="{x:.1f}" y2="{y + 9}"'
                         f' class="passmark"><title>pass mark {mark:g}</title></line>')
        if values:
            mean = sum(values) / len(values)
            x = LEFT + span * mean / high
            parts.append(f'<line x1="{x:.1f}" y1="{y - 7}" x2="{x:.1f}" y2="{y + 7}"'
                         f' class="mean"><title>mean {mean:.2f}</title></line>')
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(rows: list[tuple[str, float, str]]) -> str:
    """Horizontal bars for values 0..1, each labelled with its own text."""
    height = ROW * len(rows) + 8
    span = WIDTH - LEFT - 120
    parts = [f'<svg role="img" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}"'
             ' xmlns="http://www.w3.org/2000/svg">']
    for i, (label, share, text) in enumerate(rows):
        y = 4 + i * ROW
        parts.append(f'<text x="4" y="{y + 13}" class="label">{escape(label)}</text>'
                     f'<rect x="{LEFT}" y="{y}" width="{span * share:.1f}" height="16"'
                     f' class="bar"/><text x="{LEFT + span * share + 6:.1f}" y="{y + 13}"'
                     f' class="value">{escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def line_chart(points: list[tuple[int, float]], high: float = 3.0,
               pass_mark: float | None = None) -> str:
    """Mean score by attempt number, on axes: the score (0..high) up the side, the
    attempt along the bottom, and the pass mark as a dashed line. A single attempt is
    drawn in the middle of its axis, not as a lone dot in a corner."""
    height = 190
    if not points:
        return ""
    most = max(n for n, _ in points)
    left, right, top, bottom = 60, WIDTH - 20, 10, height - 40
    parts = [f'<svg role="img" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}"'
             ' xmlns="http://www.w3.org/2000/svg">']

    def y_of(value: float) -> float:
        return top + (bottom - top) * (1 - value / high)

    def x_of(n: int) -> float:
        if most == 1:
            return (left + right) / 2
        return left + (right - left) * (n - 1) / (most - 1)

    for tick in range(int(high) + 1):
        y = y_of(tick)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" class="grid"/>'
                     f'<text x="{left - 14}" y="{y + 4:.1f}" class="tick">{tick}</text>')
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" class="axis"/>'
                 f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" class="axis"/>'
                 f'<text x="{(left + right) / 2 - 30:.1f}" y="{height - 4}" class="label">'
                 f'attempt number</text><text x="4" y="{top + 4}" class="label">score</text>')
    if pass_mark is not None:
        y = y_of(pass_mark)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}"'
                     f' class="passmark"/><text x="{right - 90}" y="{y - 4:.1f}"'
                     f' class="value">pass mark {pass_mark:g}</text>')
    coords = []
    for n, value in points:
        x, y = x_of(n), y_of(value)
        coords.append(f"{x:.1f},{y:.1f}")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" class="dot"/>'
                     f'<text x="{x - 3:.1f}" y="{bottom + 14}" class="tick">{n}</text>'
                     f'<text x="{x + 6:.1f}" y="{y - 6:.1f}" class="value">{value:.2f}</text>')
    if len(coords) > 1:
        parts.append(f'<polyline points="{" ".join(coords)}" class="line"/>')
    parts.append("</svg>")
    return "".join(parts)
