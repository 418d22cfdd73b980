"""Read-only analytics over decisions: consistency between adjudicators, adjusted for case mix."""
