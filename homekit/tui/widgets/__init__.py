"""Reusable widgets of the app (each may carry its own DEFAULT_CSS)."""
