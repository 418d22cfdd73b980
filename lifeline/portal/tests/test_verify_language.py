"""The public notice check speaks the page's language."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("prefix", "heading", "not_found"),
    [
        ("/uk", "Перевірити повідомлення", "Жодне повідомлення не має такого коду"),
        ("/ar", "التحقق من إشعار", "لا يوجد إشعار بهذا الرمز"),
        ("", "Verify a notice", "No notice has this code"),
    ],
)
def test_the_verify_page_is_in_the_pages_language(
    prefix: str, heading: str, not_found: str
) -> None:
    page = Client().get(f"{prefix}/verify/").content.decode()
    assert heading in page
    assert ("Verify a notice" in page) is (prefix == "")
    missing = Client().get(f"{prefix}/verify/", {"code": "ABCD-EFGH-JKMN"})
    assert missing.status_code == 404 and not_found in missing.content.decode()
