"""Commands: clamd (the virus scanner with the project's own configuration)."""
