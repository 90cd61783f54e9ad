"""The audit chapters: the claims ledger, internal consistency and cross-report comparison of the four reports."""
