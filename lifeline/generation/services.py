"""Save a generated data set through the bulk imports, in one all-or-nothing transaction."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

from django.db import transaction

from lifeline.accounts.models import RepresentationConsent, User
from lifeline.core import clock
from lifeline.generation.assembly import GeneratedDeclaration, GeneratedRequest
from lifeline.generation.dataset import Dataset
from lifeline.intake.imports import RequestImport, import_requests
from lifeline.intake.models import ParoleRequest
from lifeline.people.models import FamilyGroup, Person
from lifeline.supporters.imports import DeclarationImport, import_declarations
from lifeline.supporters.models import SupporterDeclaration

USERNAME_PREFIX = "gen"
_BATCH = 500


def _create_users(dataset: Dataset, existing: dict[str, User]) -> dict[str, User]:
    """One login per account key not in `existing`, without a usable password."""
    run = f"{USERNAME_PREFIX}{dataset.options.seed}-{secrets.token_hex(3)}"
    users: dict[str, User] = {}
    for key, account in dataset.accounts.items():
        if key in existing:
            continue
        human = dataset.humans.get(account.entity_id)
        user = User(
            username=f"{run}-{key.lower()}",
            email=account.email,
            role=account.role,
            preferred_language=account.language,
            first_name=human.given.latin[:150] if human else "",
            last_name=human.family.latin[:150] if human else "",
        )
        user.set_unusable_password()
        users[key] = user
    User.objects.bulk_create(
        users.values(), batch_size=_BATCH
    )  # sets ids (SQLite 3.35+, PostgreSQL)
    return {**users, **existing}


def _create_consents(dataset: Dataset, users: dict[str, User]) -> None:
    granted_at = clock.now()
    RepresentationConsent.objects.bulk_create(
        [
            RepresentationConsent(
                representative=users[rep], client=users[client], granted_at=granted_at
            )
            for rep, client in dataset.consents
        ],
        batch_size=_BATCH,
        ignore_conflicts=True,  # a consent the client already gave stands
    )


def _family_groups(dataset: Dataset) -> dict[str, FamilyGroup]:
    sizes: dict[str, int] = {}
    for request in dataset.requests:
        sizes[request.household_id] = sizes.get(request.household_id, 0) + 1
    households = [household for household, size in sizes.items() if size > 1]
    groups = [FamilyGroup(label=f"Household {household}") for household in households]
    FamilyGroup.objects.bulk_create(groups, batch_size=_BATCH)
    return dict(zip(households, groups, strict=True))


def _in_layers[T: GeneratedRequest | GeneratedDeclaration](
    items: list[T], link: Callable[[T], str | None]
) -> list[list[T]]:
    """Split items so none links to a record that a later layer (or its own) saves."""
    layers: list[list[T]] = []
    while items:
        unsaved = {item.record_id for item in items}
        layer = [item for item in items if link(item) not in unsaved] or items
        layers.append(layer)
        saved = {item.record_id for item in layer}
        items = [item for item in items if item.record_id not in saved]
    return layers


class _Saver:
    """Imports the records chunk by chunk through the bulk imports, remembering what they became."""

    def __init__(
        self, dataset: Dataset, users: dict[str, User], groups: dict[str, FamilyGroup]
    ) -> None:
        self.dataset, self.users, self.groups = dataset, users, groups
        self.requests: dict[str, ParoleRequest] = {}
        self.declarations: dict[str, SupporterDeclaration] = {}
        self.locations: dict[int, str] = {}
        self.saved: dict[str, dict[str, Any]] = {}
        self.pending = {d.record_id: d for d in dataset.declarations}

    def declare(self, chunk: list[GeneratedDeclaration]) -> None:
        for layer in _in_layers(chunk, lambda generated: generated.joins):
            items = [
                DeclarationImport(
                    supporter_user=self.users[generated.filer],
                    program=generated.program,
                    supporter=generated.supporter,
                    beneficiary=generated.beneficiary,
                    beneficiary_email=self.users[generated.confirmer].email,
                    confirmed_by=self.users[generated.confirmer],
                    joins=self.declarations[generated.joins] if generated.joins else None,
                    submitted_from_ip=generated.submitted_from_ip,
                )
                for generated in layer
            ]
            for generated, declaration in zip(layer, import_declarations(items=items), strict=True):
                self.declarations[generated.record_id] = declaration
                self.locations[declaration.supporter_id] = generated.supporter_address
                self.saved[generated.record_id] = {
                    "reference": declaration.reference,
                    "supporter_person_id": declaration.supporter_id,
                    "beneficiary_person_id": declaration.beneficiary_id,
                }

    def _item(self, generated: GeneratedRequest) -> RequestImport:
        client = self.users[generated.filer]
        actor = self.users[generated.representative] if generated.representative else client
        return RequestImport(
            actor=actor,
            document=generated.document,
            client=client if generated.representative else None,
            family_group=self.groups.get(generated.household_id),
            travelling_with=self.requests.get(generated.companion_record),
            declarations=[self.declarations[record] for record in generated.declarations],
        )

    def file(self, chunk: list[GeneratedRequest]) -> None:
        self.declare([self.pending[record] for g in chunk for record in g.declarations])
        for layer in _in_layers(chunk, lambda generated: generated.companion_record):
            requests = import_requests(items=[self._item(generated) for generated in layer])
            for generated, request in zip(layer, requests, strict=True):
                self.requests[generated.record_id] = request
                self.locations[request.beneficiary_id] = generated.beneficiary_address
                self.saved[generated.record_id] = {
                    "reference": request.reference,
                    "beneficiary_person_id": request.beneficiary_id,
                    "petitioner_person_id": request.petitioner_id,
                }

    def record_locations(self) -> None:
        """Addresses have no field in the request document yet: keep them on the people rows."""
        people = list(Person.objects.filter(pk__in=self.locations).only("pk"))
        for person in people:
            person.current_location = self.locations[person.pk][:200]
        Person.objects.bulk_update(people, ["current_location"], batch_size=_BATCH)
        self.locations.clear()


class DatasetFiler:
    """Files a data set's requests in the chunks the caller chooses (the demo files each day's
    under that day's clock), creating the logins, consents and family groups first.

    `users` maps account keys to existing logins (the demo accounts); the others are created.
    Call it inside the caller's transaction.
    """

    def __init__(self, dataset: Dataset, users: dict[str, User] | None = None) -> None:
        users = _create_users(dataset, users or {})
        _create_consents(dataset, users)
        self._saver = _Saver(dataset, users, _family_groups(dataset))

    @property
    def users(self) -> dict[str, User]:
        return self._saver.users

    @property
    def saved(self) -> dict[str, dict[str, Any]]:
        """By record id, the reference and person ids each record filed so far became."""
        return self._saver.saved

    def file(self, requests: list[GeneratedRequest]) -> None:
        for start in range(0, len(requests), _BATCH):
            self._saver.file(requests[start : start + _BATCH])
            self._saver.record_locations()


def save_dataset(
    *,
    dataset: Dataset,
    users: dict[str, User] | None = None,
    progress: Callable[[int], None] = lambda advanced: None,
) -> dict[str, dict[str, Any]]:
    """File every request (and its declarations) as the bulk imports do; all or nothing.

    `users` maps account keys to existing logins (the demo accounts); the others are created.
    Returns, by record id, the reference and person ids each record became.
    """
    with transaction.atomic():
        filer = DatasetFiler(dataset, users)
        for start in range(0, len(dataset.requests), _BATCH):
            chunk = dataset.requests[start : start + _BATCH]
            filer.file(chunk)
            progress(len(chunk))
    return filer.saved
