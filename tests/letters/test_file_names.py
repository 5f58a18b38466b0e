"""Letter file names: distinct (even ignoring case), valid on Windows, capped, deterministic."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from addin.letters.file_names import MAX_NAME, letter_file_names, notice_file_name

REFERENCE = "CCIN-2026-014"
OUTCOMES = ("successful", "unsuccessful", "not evaluated", "excluded")
_WINDOWS_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_DEVICES = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10)}


def windows_problem(name: str) -> str | None:
    """Why Windows (the strictest of the three) would refuse `name`, or None."""
    if _WINDOWS_FORBIDDEN.search(name):
        return "forbidden character"
    if name.endswith((".", " ")):
        return "ends in a dot or a space"
    if name.split(".")[0].rstrip(" ").upper() in _DEVICES:
        return "device name"
    if not name.isascii():
        return "not ASCII (normalised differently by macOS)"
    return None


def names(ids: list[str], outcome: str = "unsuccessful") -> list[str]:
    found = letter_file_names(REFERENCE, [(i, outcome) for i in ids])
    return [found[i] for i in ids]


def test_ordinary_ids_keep_their_plain_names() -> None:
    assert names(["CCIN-001", "CCIN-002"]) == [
        "CCIN-2026-014_CCIN-001_unsuccessful.docx",
        "CCIN-2026-014_CCIN-002_unsuccessful.docx",
    ]
    assert names(["S 004"], "not evaluated") == ["CCIN-2026-014_S-004_not-evaluated.docx"]


def test_ids_that_come_out_the_same_each_get_a_code_from_the_exact_id() -> None:
    slash, dash = names(["a/b", "a-b"])
    assert slash == "CCIN-2026-014_a-b-c14cddc0_unsuccessful.docx"
    assert dash == "CCIN-2026-014_a-b-d44362d6_unsuccessful.docx"
    # Accents are dropped, not the letters they sit on.
    acute, grave = names(["é1", "è1"])
    assert acute.startswith("CCIN-2026-014_e1-") and grave.startswith("CCIN-2026-014_e1-")
    assert acute != grave


def test_ids_differing_only_in_case_clash_on_windows_and_macos() -> None:
    upper, lower = names(["AB", "ab"])
    assert upper.casefold() != lower.casefold()


def test_the_same_supplier_gets_the_same_name_whatever_the_order() -> None:
    forward = letter_file_names(REFERENCE, [(i, "excluded") for i in ("a/b", "a-b", "x")])
    backward = letter_file_names(REFERENCE, [(i, "excluded") for i in ("x", "a-b", "a/b")])
    assert forward == backward


def test_long_ids_are_cut_to_the_cap_and_still_distinct() -> None:
    long_a, long_b = names(["x" * 300 + "a", "x" * 300 + "b"], "not evaluated")
    assert len(long_a) <= MAX_NAME and len(long_b) <= MAX_NAME
    assert long_a != long_b and long_a.endswith("_not-evaluated.docx")


def test_windows_device_names_and_trailing_dots() -> None:
    (name,) = letter_file_names("con.2026", [("LPT1", "successful")]).values()
    assert windows_problem(name) is None and name.startswith("_con.2026_LPT1")
    assert notice_file_name("NUL") == "_NUL_award_notice-to-Oldham.txt"
    assert names(["trailing. . "]) == ["CCIN-2026-014_trailing_unsuccessful.docx"]


def test_ids_with_nothing_printable_still_get_a_name() -> None:
    bare, dots = names(["///", "..."])
    assert bare.startswith("CCIN-2026-014_supplier-") and dots.startswith("CCIN-2026-014_supplier-")
    assert bare != dots


@settings(max_examples=300, deadline=None)
@given(
    reference=st.one_of(
        st.text(max_size=80), st.sampled_from(["CON", "nul.2026", "Com1 ", "LPT9"])
    ),
    ids=st.lists(st.text(max_size=150), min_size=1, max_size=12, unique=True),
    outcomes=st.lists(st.sampled_from(OUTCOMES), min_size=12, max_size=12),
    seed=st.randoms(use_true_random=False),
)
def test_names_are_distinct_valid_capped_and_deterministic(
    reference: str, ids: list[str], outcomes: list[str], seed: object
) -> None:
    pairs = list(zip(ids, outcomes[: len(ids)], strict=True))
    found = letter_file_names(reference, pairs)
    assert set(found) == set(ids)
    chosen = list(found.values())
    assert len({n.casefold() for n in chosen}) == len(chosen)
    for name in chosen:
        assert len(name) <= MAX_NAME and windows_problem(name) is None, name
    shuffled = list(pairs)
    seed.shuffle(shuffled)  # type: ignore[attr-defined]
    assert letter_file_names(reference, shuffled) == found
    notice = notice_file_name(reference)
    assert windows_problem(notice) is None and len(notice) <= MAX_NAME


@settings(max_examples=100, deadline=None)
@given(
    ids=st.lists(
        st.sampled_from(["a/b", "a-b", "A-B", "a b", "a\\b", "é", "è", "e", "E"]), unique=True
    )
)
def test_names_stay_distinct_among_many_clashing_ids(ids: list[str]) -> None:
    chosen = letter_file_names(REFERENCE, [(i, "excluded") for i in ids]).values()
    assert len({n.casefold() for n in chosen}) == len(ids)
