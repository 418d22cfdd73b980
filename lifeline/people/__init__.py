"""People (beneficiaries, petitioners, supporters), their documents, relationships and families."""
