"""API authentication (bearer tokens for clients, sessions with CSRF for the web) and /me."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Router
from ninja.responses import codes_4xx
from ninja.security import APIKeyCookie, HttpBearer

from lifeline.accounts.mfa import check_api_session
from lifeline.accounts.models import User
from lifeline.accounts.schemas import MeOut
from lifeline.accounts.tokens import get_user_for_token
from lifeline.core.schemas import ErrorOut


class ApiRequest(HttpRequest):
    """A request that passed authentication: `auth` is the signed-in user."""

    auth: User


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>` with a token from issue_api_token."""

    def authenticate(self, http: HttpRequest, token: str) -> User | None:
        return get_user_for_token(token)


class SessionAuth(APIKeyCookie):
    """The signed-in browser session; unsafe methods must carry the CSRF token. A staff session
    counts only once it passed the second factor."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, http: HttpRequest) -> Any:
        if not http.user.is_authenticated:
            return None  # not a session client: answer 401, not a CSRF failure
        return super().__call__(http)  # checks CSRF, then authenticates

    def authenticate(self, http: HttpRequest, key: str | None) -> User | None:
        user = http.user
        if not isinstance(user, User) or not user.is_authenticated:
            return None
        check_api_session(http, user)  # staff: only a session that gave the code
        return user


router = Router(tags=["accounts"])


@router.get("/me", response={200: MeOut, codes_4xx: ErrorOut})
def get_me(request: ApiRequest) -> User:
    """Who the API thinks you are."""
    return request.auth
