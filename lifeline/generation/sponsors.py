"""Supporters and petitioners in the U.S.: who backs each household, honestly."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence

from lifeline.generation import details, places
from lifeline.generation.accounts import AccountBook
from lifeline.generation.humans import PersonFactory, weighted
from lifeline.generation.names import Surname, draw_surname
from lifeline.generation.people import Human, birth_date_for_age
from lifeline.generation.profiles import CENTRAL_AMERICA, POPULATIONS, US_BORN, profile_for
from lifeline.generation.records import HardCase, Slot, Sponsor, Support

STATUS_WEIGHTS: dict[str, float] = {
    "citizen": 45,
    "permanent_resident": 28,
    "parolee": 8,
    "nonimmigrant": 5,
    "asylee": 3,
    "refugee": 3,
    "tps": 3,
    "daca": 2,
    "asylum_applicant": 2,
    "none": 1,
}
REUSE_SHARE = 0.15
CO_SUPPORTER_SHARE = 0.12
COUPLE_SHARE = 0.06
MAX_CLEAN_HOUSEHOLDS = 5
RELATIVES = ("sibling", "other_relative", "parent", "child")
# Populations whose relatives in the U.S. usually carry the family's surname.
_PATRILINEAL = frozenset({"ukrainian", "russian", "haitian", "afghan"})


class SponsorDesk:
    """Creates supporters and petitioners, and assigns them to households that need them."""

    def __init__(
        self,
        *,
        rng: random.Random,
        people: PersonFactory,
        accounts: AccountBook,
        last_filing_on: dt.date,
    ) -> None:
        self.rng, self.people, self.accounts, self.last_filing_on = (
            rng,
            people,
            accounts,
            last_filing_on,
        )
        self.sponsors: dict[str, Sponsor] = {}
        self.hard_cases: list[HardCase] = []
        self._reusable: list[Sponsor] = []
        self._households_of: dict[str, int] = {}
        self._waiting: list[Sponsor] = []

    def resident(
        self,
        population: str,
        *,
        nationality: str = "",
        surname: Surname | None = None,
        status: str | None = None,
        city: str | None = None,
        address: places.Address | None = None,
        phone: str | None = None,
    ) -> Human:
        """A U.S. resident of `population`'s diaspora (or U.S.-born for "american")."""
        rng = self.rng
        origin = POPULATIONS.get(population, US_BORN)
        nationality = nationality or origin.nationality or rng.choice(CENTRAL_AMERICA)
        city = city or weighted(rng, origin.us_cities)
        status = status or weighted(rng, STATUS_WEIGHTS)
        age = max(21, min(80, int(rng.triangular(21, 80, 42))))
        return self.people.us_resident(
            population=population,
            origin="US" if population == "american" else nationality,
            sex=rng.choice("FM"),
            birth_date=birth_date_for_age(rng, age, self.last_filing_on),
            surname=surname or draw_surname(rng, population),
            city_key=city,
            is_citizen=status == "citizen",
            address=address,
            phone=phone,
        )

    def sponsor(self, human: Human, *, status: str | None = None) -> Sponsor:
        """`human` as a supporter with plausible finances (one sponsor per person)."""
        if human.entity_id in self.sponsors:
            return self.sponsors[human.entity_id]
        rng = self.rng
        status = status or (
            "citizen"
            if "US" in human.citizenships
            else weighted(rng, {k: v for k, v in STATUS_WEIGHTS.items() if k != "citizen"})
        )
        income = int(rng.lognormvariate(math.log(52_000), 0.55)) // 100 * 100
        sponsor = Sponsor(
            human=human,
            status_in_us=status,
            annual_income_usd=income,
            household_size=rng.choices(range(1, 8), weights=(3, 4, 4, 4, 2, 1, 1))[0],
            account=self.accounts.supporter(human),
            ip=places.ip_address(rng),
            bank_account=str(rng.randint(10**9, 10**12)) if rng.random() < 0.4 else "",
        )
        self.sponsors[human.entity_id] = sponsor
        return sponsor

    def _clean_sponsor(self, population: str, *, fresh: bool = False) -> Sponsor:
        rng = self.rng
        if self._waiting and not fresh:
            return self._waiting.pop()
        if self._reusable and not fresh and rng.random() < REUSE_SHARE:
            return rng.choice(self._reusable)
        diaspora = population if rng.random() < 0.7 else "american"
        sponsor = self.sponsor(self.resident(diaspora))
        if rng.random() < COUPLE_SHARE:
            human = sponsor.human
            partner = self.resident(
                diaspora,
                nationality=human.citizenships[0],
                surname=human.lineage,
                address=human.address,
                phone=human.phone,
            )
            self._waiting.append(self.sponsor(partner))
            self.hard_cases.append(
                HardCase(
                    kind="supporter_household",
                    entity_ids=[human.entity_id, partner.entity_id],
                    note="two supporters at one address and phone, each backing other relatives",
                )
            )
        return sponsor

    def _count(self, sponsor: Sponsor) -> None:
        seen = self._households_of.get(sponsor.human.entity_id, 0) + 1
        self._households_of[sponsor.human.entity_id] = seen
        if seen == 1:
            self._reusable.append(sponsor)
        elif seen >= MAX_CLEAN_HOUSEHOLDS and sponsor in self._reusable:
            self._reusable.remove(sponsor)

    def back_household(self, slots: Sequence[Slot], *, fresh: bool = False) -> None:
        """Give a household's requests their honest supporters (the petitioner when there is one).

        `fresh` asks for a supporter nobody else uses (a duplicate filing gets a new one).
        """
        rng = self.rng
        head = slots[0]
        petitioner = head.petitioner
        sponsor = (
            self.sponsor(petitioner)
            if petitioner
            else self._clean_sponsor(head.beneficiary.population, fresh=fresh)
        )
        self._count(sponsor)
        relationship = (
            rng.choice(RELATIVES)
            if petitioner or rng.random() < 0.6
            else rng.choice(("friend", "none"))
        )
        for slot in slots:
            if slot.has_declaration or slot.has_supporter:
                slot.supports.append(Support(sponsor, relationship, sponsor.ip))
        if head.has_declaration and rng.random() < CO_SUPPORTER_SHARE:
            co = self._clean_sponsor(head.beneficiary.population)
            if co is not sponsor:
                self._count(co)
                head.supports.append(Support(co, rng.choice(("friend", "other_relative")), co.ip))

    def add_petitioner(self, slots: Sequence[Slot]) -> None:
        """FRP, CAM and many general requests name a petitioner in the U.S.: usually a relative."""
        rng = self.rng
        head = slots[0]
        profile = profile_for(head.program)
        if not profile.petitioner or (head.program == "general" and rng.random() < 0.4):
            return
        beneficiary = head.beneficiary
        related = profile.invitation or profile.minors_only or rng.random() < 0.6
        surname = (
            beneficiary.lineage if related and beneficiary.population in _PATRILINEAL else None
        )
        status = (
            rng.choice(("citizen", "permanent_resident"))
            if (profile.invitation or profile.minors_only)
            else None
        )
        petitioner = self.resident(
            beneficiary.population if related else "american",
            nationality=beneficiary.citizenships[0],
            surname=surname,
            status=status,
        )
        self.sponsor(petitioner, status=status)
        invitation = (
            details.invitation(
                rng,
                filed_on=head.filed_on,
                petitioner_is_citizen=status == "citizen",
            )
            if profile.invitation
            else None
        )
        has_supporter = rng.random() < 0.9
        for slot in slots:
            slot.petitioner = petitioner
            slot.invitation = invitation
            slot.has_supporter = has_supporter
