"""Commands for authors: validate, graph, schema, themes."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from simulator import graph
from simulator.cli.output import CliError, emit_json, print_companions, print_diagnostics
from simulator.cli.resolve import resolve
from simulator.loading.checks import count, validate_paths
from simulator.loading.library import load_library
from simulator.paths import private_dir, shipped_folders
from simulator.schema import write_schemas


def cmd_validate(args: argparse.Namespace) -> int:
    """Report every problem in the given files; exit 1 on any error."""
    paths = args.paths or [str(p) for p in shipped_folders()]
    library, problems = validate_paths(paths)
    errors, warnings = count(problems)
    print_companions(library.companion_notes())
    if args.json:
        emit_json({"errors": errors, "warnings": warnings,
                   "used_beside": [c.path for c in library.companions],
                   "diagnostics": [d.as_dict() for d in problems]})
    else:
        print_diagnostics(problems)
        files = library.files_read
        print(f"{files} file(s) checked: {errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0


def cmd_graph(args: argparse.Namespace) -> int:
    """Print the scenario's beat graph."""
    resolved = resolve(args.scenario, args.deck)
    draw = graph.mermaid if args.format == "mermaid" else graph.dot
    print(draw(resolved.scenario), end="")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Write the JSON Schemas: all into a temporary folder beside the target, then each
    moved into place, so a failure leaves no half-written file."""
    folder = Path(args.output)
    if folder.exists() and not folder.is_dir():
        raise CliError(f"cannot write schemas into {folder}: it is a file, not a folder", 1)
    try:
        private_dir(folder)  # 0700 whatever the umask, like every folder peersim makes
        with tempfile.TemporaryDirectory(dir=folder, prefix=".schema.") as staging:
            written = [folder / p.name for p in write_schemas(Path(staging))]
            for path in written:
                os.replace(Path(staging) / path.name, path)
    except OSError as exc:
        raise CliError(f"cannot write schemas into {folder}: {exc.strerror or exc}", 1) from exc
    for path in written:
        print(path)
    return 0


def cmd_catalogue(_args: argparse.Namespace) -> int:
    """Print the scenario catalogue (docs/scenarios.md) as Markdown."""
    from simulator.catalogue import catalogue

    library, _ = load_library([])
    print(catalogue(library), end="")
    return 0


#: The acceptance vocabulary's sections: what each is, and where a scenario or deck uses it.
ACCEPTANCE_SECTIONS = (
    ("ways", "way", "Ways of getting by", "a beat's discloses:, a piece's judges:"),
    ("words", "word", "Words a person may reject for themselves", "the persona's rejects:"),
    ("readings", "reading", "How a trainee may read what was disclosed",
     "offered in the reflect dialog"),
)


def cmd_themes(args: argparse.Namespace) -> int:
    """List the theme vocabulary, then the acceptance vocabulary (ways of getting by,
    words, readings): an author tags with both, so both are listed."""
    library, _ = load_library([])
    rows: list[tuple[str, str, str, str]] = []
    for loaded in library.vocabularies.values():
        for theme_id, theme in loaded.model.themes.items():
            rows.append(("theme", theme_id, theme.label, theme.description))
        for section, kind, _heading, _where in ACCEPTANCE_SECTIONS:
            for term_id, term in getattr(loaded.model, section).items():
                rows.append((kind, term_id, term.label, term.description))
    if args.json:
        emit_json([{"id": i, "label": lab, "description": " ".join(d.split()), "kind": k}
                   for k, i, lab, d in rows])
        return 0
    for theme_id, label, description in sorted(r[1:] for r in rows if r[0] == "theme"):
        print(f"{theme_id:<18} {label:<28} {' '.join(description.split())}".rstrip())
    for _section, kind, heading, where in ACCEPTANCE_SECTIONS:
        terms = sorted(r[1:] for r in rows if r[0] == kind)
        if terms:
            print(f"\n{heading} ({where}):")
            for term_id, label, description in terms:
                print(f"{term_id:<18} {label:<28} {' '.join(description.split())}".rstrip())
    return 0
