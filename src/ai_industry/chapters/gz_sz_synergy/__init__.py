"""Helpers of report gz-sz-synergy (seed 000), one module per section."""
