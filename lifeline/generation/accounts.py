"""The logins that file generated requests and declarations, one per applicant or supporter."""

from __future__ import annotations

from lifeline.accounts.enums import UserRole
from lifeline.generation.people import Human
from lifeline.generation.profiles import POPULATIONS
from lifeline.generation.records import Account, Ids

# The portal's code for a population's language where the two differ: the narratives' "fa"
# is Dari, which the portal offers as "fa-af" (a bare "fa" has no catalog, so it read English).
PORTAL_LANGUAGE = {"fa": "fa-af"}


class AccountBook:
    """Accounts in creation order; one per person who files, reused when they file again."""

    def __init__(self, ids: Ids) -> None:
        self.ids = ids
        self.accounts: dict[str, Account] = {}
        self._by_entity: dict[tuple[str, str], str] = {}

    def _add(self, role: str, email: str, language: str, entity_id: str) -> str:
        key = self.ids.next("account")
        self.accounts[key] = Account(
            key=key, role=role, email=email, language=language, entity_id=entity_id
        )
        if entity_id:
            self._by_entity.setdefault((role, entity_id), key)
        return key

    def _for(self, human: Human, role: str, language: str, *, fresh: bool = False) -> str:
        known = self._by_entity.get((role, human.entity_id))
        if known and not fresh:
            return known
        email = human.email or f"{human.entity_id.lower()}@applicants.example"
        if known:  # a second account for the same person, under another address
            local, domain = email.split("@")
            email = f"{local}.{len(self.accounts)}@{domain}"
        return self._add(role, email, language, human.entity_id)

    def applicant(self, human: Human, *, fresh: bool = False) -> str:
        """The beneficiary's own account (it also confirms declarations made for them)."""
        population = POPULATIONS.get(human.population)
        language = population.language if population else "en"
        return self._for(
            human, UserRole.BENEFICIARY, PORTAL_LANGUAGE.get(language, language), fresh=fresh
        )

    def supporter(self, human: Human) -> str:
        return self._for(human, UserRole.SUPPORTER, "en")

    def representative(self, office: int) -> str:
        return self._add(UserRole.REPRESENTATIVE, f"attorney{office}@law-office.example", "en", "")
