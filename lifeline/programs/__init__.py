"""Program versions as policy files: loading, validation, CEL rule evaluation, caps and fees."""
