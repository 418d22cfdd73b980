"""Names of the policy folder's pathway sub-folder and of the pathway files in it."""

# The pathway options, their timeline and the Visa Bulletin live in this sub-folder.
PATHWAYS_FOLDER = "pathways"
# The pathway policy files, one per version.
PATHWAY_FILES = "pathways-*.yaml"
