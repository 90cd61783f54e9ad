"""Helpers of report nansha-proposal (seed 002), one module per section."""
