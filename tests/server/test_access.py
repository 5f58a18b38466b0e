"""Who the audit trail names, and who may press the buttons, from the signed-in user."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from addin.server.access import refusal, who
from addin.server.settings import check
from tests.server.test_settings import DEV, PROD

OFFICERS = "0f0f0f0f-1111-2222-3333-444444444444"


@dataclass
class User:
    name: str | None = "Jo Bloggs"
    email: str | None = "jo.bloggs@council.example"
    domain: str | None = "council.example"
    id: str | None = "oid-1"
    claims: dict[str, Any] = field(default_factory=dict)


def test_who_is_the_signed_in_user_with_their_email() -> None:
    assert who(User(), check(PROD)) == "Jo Bloggs (jo.bloggs@council.example)"
    assert who(User(name=None), check(PROD)) == "jo.bloggs@council.example"


def test_without_sign_in_who_is_left_to_the_workbook() -> None:
    assert who(User(name="Anonymous", email=None), check(DEV)) is None


def test_a_user_of_an_allowed_domain_may_use_the_add_in() -> None:
    assert refusal(User(domain="Council.Example"), check(PROD)) is None


def test_a_user_of_another_domain_is_refused_by_name() -> None:
    said = refusal(User(email="x@elsewhere.example", domain="elsewhere.example"), check(PROD))
    assert said is not None and said.startswith("Jo Bloggs (x@elsewhere.example) is not allowed")


def test_a_member_of_an_allowed_group_may_use_it_whatever_the_domain() -> None:
    settings = check({**PROD, "CCIN_DPS_ALLOWED_GROUPS": OFFICERS})
    member = User(domain="partner.example", claims={"groups": ["a", OFFICERS]})
    assert refusal(member, settings) is None
    assert refusal(User(domain="partner.example", claims={"groups": ["a"]}), settings)
