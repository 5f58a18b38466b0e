"""Files for the officer: one link per document set, used once, gone after an hour."""

from __future__ import annotations

import zipfile
from pathlib import Path

from addin.server.downloads import LIFETIME_SECONDS, TOKEN, Downloads


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def letters(folder: Path) -> list[Path]:
    (folder / "Letters").mkdir()
    files = [folder / "Letters" / "A.docx", folder / "Letters" / "notice.txt"]
    for file in files:
        file.write_text(file.name)
    return files


def test_several_files_are_offered_as_one_zip_taken_once(tmp_path: Path) -> None:
    store = Downloads(tmp_path)
    with store.work_folder() as folder:
        offered = store.offer(letters(folder), folder, "REF letters.zip")
    assert TOKEN.match(offered.token) and offered.name == "REF letters.zip"
    assert not folder.exists()  # the work folder goes with the action
    taken = store.take(offered.token)
    assert taken is not None and taken.file.name == "REF letters.zip"
    with zipfile.ZipFile(taken.file) as zf:
        assert sorted(zf.namelist()) == ["Letters/A.docx", "Letters/notice.txt"]
    assert store.take(offered.token) is None  # used once


def test_one_file_is_offered_as_itself(tmp_path: Path) -> None:
    store = Downloads(tmp_path)
    with store.work_folder() as folder:
        report = folder / "REF evaluation report.docx"
        report.write_text("report")
        offered = store.offer([report], folder, "")
    taken = store.take(offered.token)
    assert taken is not None and taken.file.read_text() == "report"


def test_a_link_expires_after_an_hour_and_purge_removes_it(tmp_path: Path) -> None:
    clock = Clock()
    store = Downloads(tmp_path, clock)
    with store.work_folder() as folder:
        offered = store.offer(letters(folder), folder, "x.zip")
    clock.now += LIFETIME_SECONDS - 1
    assert store.purge() == 0
    clock.now += 1
    assert store.purge() == 1 and list(tmp_path.iterdir()) == []
    assert store.take(offered.token) is None


def test_an_expired_link_is_refused_even_before_a_purge(tmp_path: Path) -> None:
    clock = Clock()
    store = Downloads(tmp_path, clock)
    with store.work_folder() as folder:
        offered = store.offer(letters(folder), folder, "x.zip")
    clock.now += LIFETIME_SECONDS
    assert store.take(offered.token) is None and list(tmp_path.iterdir()) == []


def test_a_token_that_is_not_one_of_ours_reaches_no_file(tmp_path: Path) -> None:
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "file").write_text("x")
    store = Downloads(tmp_path)
    assert store.take("../secret") is None and store.take("secret") is None
    assert (tmp_path / "secret" / "file").exists()
