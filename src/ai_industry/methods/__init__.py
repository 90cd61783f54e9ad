"""Reusable methods on anyone's data: rounding, growth, statistics, distributions, networks, patents, demo data."""
