"""Template tags for the portal: USWDS form fields, local dates, numbers and country names."""
