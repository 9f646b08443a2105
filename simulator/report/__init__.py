"""The trainer's HTML report: one self-contained file with inline SVG charts."""
