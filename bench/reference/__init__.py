"""The bare reference of issue 23: one viewflow process per nomination, nothing batched (see flows.py)."""
