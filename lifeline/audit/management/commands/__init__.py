"""The `audit` command."""
