"""Helpers of report china-ai-industry-2022 (seed 003), one module per section."""
