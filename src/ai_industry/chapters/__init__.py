"""Report-specific helpers: one package per report, one module per section with logic."""
