"""The `analytics` command."""
