"""The default spec of the ai-clusters-2023 competitiveness index (package data, `competitiveness_index.yaml`):
a package of its own so that only the section that imports it reruns when the spec is edited."""

from pathlib import Path

SPEC_FILE = Path(__file__).with_name("competitiveness_index.yaml")
