"""Tiny inline SVG charts (no scripts, no fonts fetched): strips, bars and lines.

Every chart also carries its numbers as text, so nothing depends on colour or on
seeing the picture.
"""

from __future__ import annotations

from html import escape

WIDTH = 560
ROW = 22
LEFT = 190


def strip_chart(rows: list[tuple[str, list[float]]], high: float = 3.0) -> str:
    """One row per label; a dot per value on a 0..high scale, and the mean as a bar."""
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


def line_chart(points: list[tuple[int, float]], high: float = 3.0) -> str:
    """Mean score by attempt number."""
    height = 160
    if not points:
        return ""
    most = max(n for n, _ in points)
    span_x = WIDTH - 60
    parts = [f'<svg role="img" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}"'
             ' xmlns="http://www.w3.org/2000/svg">']
    coords = []
    for n, value in points:
        x = 40 + span_x * ((n - 1) / max(1, most - 1))
        y = 10 + (height - 40) * (1 - value / high)
        coords.append(f"{x:.1f},{y:.1f}")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" class="dot"/>'
                     f'<text x="{x:.1f}" y="{height - 8}" class="tick">{n}</text>'
                     f'<text x="{x + 5:.1f}" y="{y - 5:.1f}" class="value">{value:.2f}</text>')
    parts.append(f'<polyline points="{" ".join(coords)}" class="line"/></svg>')
    return "".join(parts)
