"""The program administrator's page for a draft program version: what it would change."""
