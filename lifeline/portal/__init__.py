"""The public portal: applicants, supporters and representatives, in nine languages."""
