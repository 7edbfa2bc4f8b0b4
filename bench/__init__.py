"""Quality and speed benchmarks of `cleaner` beside its peers (see docs/benchmarks.md).

Modules: `data` (gold rows, pages, cache), `render` (HTML -> text dumps), `systems` (the
cleaner and its peers), `metrics` (shingle, segment, metadata), `runner` (pages x systems,
process pool), `report` (tables, JSON, machine), and the commands `quality`, `diff`, `speed`.
`python -m bench DATA_DIR` runs the whole bench.
"""
