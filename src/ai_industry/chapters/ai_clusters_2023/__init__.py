"""Helpers of report ai-clusters-2023 (seed 001), one module per section."""
