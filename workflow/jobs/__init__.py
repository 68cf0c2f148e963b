"""Background jobs (long imports and exports) with progress, owned by the person who started them."""
