"""SYNTHETIC demo data generators, calibrated to the published aggregates and always labelled as such."""
