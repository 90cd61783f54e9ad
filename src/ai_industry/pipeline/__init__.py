"""How a build runs: the runner, its steps, rendering, the manifest and the DAG's code inputs (knows no chapter)."""
