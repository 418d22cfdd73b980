"""Issuing checks its kind and takes a language; the PDF is rendered outside any transaction and
stored once; the public pages keep their URLs and names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.urls import resolve, reverse

from lifeline.core.errors import NotFound, ValidationFailed
from lifeline.notices import rendering, services
from lifeline.notices import views as notice_views
from lifeline.notices.enums import NoticeKind
from lifeline.notices.models import Notice
from lifeline.notifications.models import Notification
from lifeline.triage.tests.scenario import submitted_request


@pytest.fixture(autouse=True)
def _media(tmp_path: Path, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def _issue(**overrides: Any) -> Notice:
    arguments: dict[str, Any] = {
        "request": submitted_request(),
        "kind": NoticeKind.CLOSURE,
        "key": "test:closure",
        "context": {},
    }
    arguments.update(overrides)
    return services.issue_notice(**arguments)


@pytest.mark.django_db
def test_an_unknown_kind_is_refused_with_a_clear_error() -> None:
    with pytest.raises(ValidationFailed, match="Unknown notice kind 'eviction'"):
        _issue(kind="eviction")
    assert not Notice.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("reads_in", "filed_in", "language", "written_in"),
    [
        ("uk", "uk", "", "uk"),
        ("uk", "uk", "ar", "ar"),
        ("fa-af", "en", "", "fa-af"),  # filed in English, reads the portal in Dari since
        ("", "uk", "", "uk"),
        ("", "", "", "en"),
    ],
)
def test_a_notice_is_written_in_the_language_asked_for_or_else_the_applicants(
    reads_in: str, filed_in: str, language: str, written_in: str
) -> None:
    """ADR 0245: the language the applicant now reads the portal in, else the request's."""
    request = submitted_request()
    request.language = filed_in
    request.save(update_fields=["language"])
    request.filed_by.preferred_language = reads_in
    request.filed_by.save(update_fields=["preferred_language"])
    assert _issue(request=request, language=language).language == written_in


@pytest.mark.django_db
def test_issuing_the_same_key_twice_returns_the_first_notice() -> None:
    first = _issue()
    assert _issue(request=first.request).pk == first.pk and Notice.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_pdf_is_rendered_outside_any_transaction_and_stored_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rendered_in_transaction: list[bool] = []
    real_render = rendering.render_notice_pdf

    def spying_render(to_render: Notice) -> bytes:
        rendered_in_transaction.append(connection.in_atomic_block)
        return real_render(to_render)

    monkeypatch.setattr(services, "render_notice_pdf", spying_render)
    notice = _issue()  # delivered by its task once the issuing transaction commits
    delivered = services.deliver_notice(notice_id=notice.pk)
    again = services.deliver_notice(notice_id=notice.pk)
    assert rendered_in_transaction == [False]
    assert delivered.storage_name == again.storage_name and len(delivered.sha256) == 64
    keys = set(Notification.objects.values_list("key", flat=True))
    assert f"notice:{notice.pk}:portal" in keys and len(keys) <= 2


@pytest.mark.django_db
def test_delivering_a_notice_that_does_not_exist_is_not_found() -> None:
    with pytest.raises(NotFound):
        services.deliver_notice(notice_id=999_999)


@pytest.mark.parametrize(
    ("name", "arguments", "path", "view"),
    [
        ("verify", [], "/verify/", notice_views.verify),
        ("verify_code", ["ABCD-EFGH-JKMN"], "/verify/ABCD-EFGH-JKMN", notice_views.verify),
        ("notice_pdf", ["ABCD-EFGH-JKMN"], "/notices/ABCD-EFGH-JKMN.pdf", notice_views.notice_pdf),
    ],
)
def test_the_public_notice_urls_keep_their_names_and_paths(
    name: str, arguments: list[str], path: str, view: Any
) -> None:
    assert reverse(name, args=arguments) == path
    assert resolve(path).func is view
