"""Test helpers for the API: clients that sign in with a token, and JSON/upload calls."""

from __future__ import annotations

import io
import json
import uuid
from typing import Any

from django.test import Client
from PIL import Image

from lifeline.accounts.models import User
from lifeline.accounts.tokens import issue_api_token

API = "/api/v1"


def token_client(user: User) -> Client:
    """A client that sends `Authorization: Bearer <token>` for `user`."""
    return Client(headers={"Authorization": f"Bearer {issue_api_token(user=user, name='tests')}"})


def post_json(
    client: Client, path: str, body: Any = None, *, key: str | None = "auto", **headers: str
) -> Any:
    """POST a JSON body; `key` is the Idempotency-Key ("auto" makes a fresh one, None omits)."""
    if key == "auto":
        key = str(uuid.uuid4())
    if key is not None:
        headers["Idempotency-Key"] = key
    data = body if isinstance(body, str | bytes) else json.dumps(body if body is not None else {})
    return client.post(API + path, data=data, content_type="application/json", headers=headers)


def image_bytes(image_format: str, *, size: tuple[int, int] = (8, 8), **save: Any) -> bytes:
    """A small real picture (or a PDF page) written by Pillow; the same bytes on every call."""
    if image_format == "PDF":  # no timestamps, so that a retried upload is the same file
        save = {"creationDate": None, "modDate": None, **save}
    output = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(output, format=image_format, **save)
    return output.getvalue()


def error_of(response: Any) -> dict[str, Any]:
    """The `error` object of a response, after checking it has the one error shape."""
    body = json.loads(response.content)
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"code", "message", "details"}, body
    assert body["error"]["message"], body
    return body["error"]
