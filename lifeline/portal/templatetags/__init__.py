"""Template tags for the portal: USWDS form fields, local dates and numbers, program words."""
