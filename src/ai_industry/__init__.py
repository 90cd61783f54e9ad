"""ai_industry: rebuild published reports on China's AI industry from cited data.

Notebooks import only from this package. Modules:
paths (where things are), errors (the project error), io (encoding-aware reading, atomic writes),
published (sources.yaml), schemas (pandera schemas from sources.yaml), catalog (load processed datasets),
sections (config/sections.yaml), labels (zh/en), stats (small numeric helpers), report (figures and tables
with source lines), render (HTML/PDF), manifest (provenance), runner (papermill execution), cli (typer app).
"""

__version__ = "0.1.0"
