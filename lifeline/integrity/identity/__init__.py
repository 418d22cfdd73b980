"""Identity resolution: the person-linkage model, batch and incremental, and resolved identities."""
