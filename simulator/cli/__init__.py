"""The headless command line: validate, run, check, walk, graph, schema, themes."""
