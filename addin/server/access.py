"""Who pressed the button, and whether they may: from the signed-in user xlwings Server passes.

With Entra ID sign-in xlwings Server validates the token and fills its User from the claims
(name, preferred_username as email, the email's domain, roles); the `groups` claim is there when
the app registration is set to emit group ids. XLWINGS_AUTH_REQUIRED_ROLES is enforced by
xlwings Server itself (HTTP 403) before any script runs; the allowed domains and groups are
checked here, so the refusal reaches the officer as a plain alert.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from addin.server.settings import ServerSettings


class SignedIn(Protocol):
    """The fields of xlwings_server.models.User this module reads."""

    id: str | None
    name: str | None
    email: str | None
    domain: str | None
    claims: Mapping[str, Any]


def who(user: SignedIn, settings: ServerSettings) -> str | None:
    """The audit trail's Who: the signed-in user; None without sign-in (the Officer name then)."""
    if not settings.sign_in:
        return None
    if user.name and user.email:
        return f"{user.name} ({user.email})"
    return user.name or user.email or user.id or "unknown signed-in user"


def refusal(user: SignedIn, settings: ServerSettings) -> str | None:
    """Why this user may not use the add-in, in words for them; None when they may."""
    if not settings.sign_in or not (settings.allowed_domains or settings.allowed_groups):
        return None
    domain = (user.domain or "").casefold()
    if domain and domain in {d.casefold() for d in settings.allowed_domains}:
        return None
    groups = user.claims.get("groups")
    if isinstance(groups, list) and set(groups) & set(settings.allowed_groups):
        return None
    return (
        f"{who(user, settings)} is not allowed to use the CCIN DPS add-in. "
        "Ask IT to add you to the group of procurement officers who use it."
    )
