"""The identity key of a person: a keyed hash of folded names and birth date."""

from __future__ import annotations

from lifeline.core.crypto import keyed_hash
from lifeline.integrity.normalise.names import name_keys
from lifeline.people.models import Person


def person_identity_key(person: Person) -> str:
    """Keyed hash of the folded given and family names and the birth date."""
    given, family = name_keys(person.given_name), name_keys(person.family_name)
    name = f"{given.key if given else ''}|{family.key if family else ''}"
    return keyed_hash(f"identity:{name}|{person.birth_date.isoformat()}")
