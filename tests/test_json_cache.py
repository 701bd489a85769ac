"""Installed JSON data parsed once per installation (labkit/sandbox/json_cache.py): the same data back, parsed
again when the source changes or the cache file is damaged, and never a cache anyone else may write."""

from __future__ import annotations

import json
import os
import sys

import pytest

from labkit.sandbox import json_cache

DATA = {"shapes": {"Vpc": {"type": "structure", "members": {"VpcId": {"shape": "String"}}}}, "list": [1, 2.5, None]}


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "service-2.json"
    path.write_text(json.dumps(DATA))
    return path


def parser(path, calls: list):
    def parse():
        calls.append(path)
        return json.loads(path.read_text())

    return parse


def test_the_second_load_comes_from_the_cache_and_is_equal_and_new(source, tmp_path):
    folder = json_cache.private_folder(tmp_path / "cache")
    calls = []
    first = json_cache.load(str(source), parser(source, calls), folder)
    first["shapes"]["Vpc"]["type"] = "changed by a caller"
    second = json_cache.load(str(source), parser(source, calls), folder)
    assert second == DATA and len(calls) == 1
    assert len(list(folder.iterdir())) == 1


def test_a_changed_source_is_parsed_again(source, tmp_path):
    folder = json_cache.private_folder(tmp_path / "cache")
    calls = []
    json_cache.load(str(source), parser(source, calls), folder)
    source.write_text(json.dumps({"other": True}))
    os.utime(source, ns=(1, 1))
    assert json_cache.load(str(source), parser(source, calls), folder) == {"other": True}
    assert len(calls) == 2


def test_a_damaged_cache_file_is_parsed_again_and_replaced(source, tmp_path):
    folder = json_cache.private_folder(tmp_path / "cache")
    calls = []
    json_cache.load(str(source), parser(source, calls), folder)
    (cached,) = folder.iterdir()
    cached.write_bytes(cached.read_bytes()[:10])
    assert json_cache.load(str(source), parser(source, calls), folder) == DATA
    assert json_cache.load(str(source), parser(source, calls), folder) == DATA
    assert len(calls) == 2


def test_no_cache_in_a_folder_others_may_write_to(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    assert json_cache.private_folder(shared) is None
    shared.chmod(0o700)
    assert json_cache.private_folder(shared) == shared


def test_no_cache_below_a_folder_others_may_write_to(tmp_path):
    top = tmp_path / "venv"
    (top / "var").mkdir(parents=True)
    (top / "var").chmod(0o775)
    assert json_cache.private_folder(top / "var" / "cache" / "labkit", top=top) is None
    (top / "var").chmod(0o755)
    made = json_cache.private_folder(top / "var" / "cache" / "labkit", top=top)
    assert made == top / "var" / "cache" / "labkit" and made.stat().st_mode & 0o777 == 0o700


def test_a_cache_that_cannot_be_written_keeps_nothing_and_loses_nothing(source, tmp_path):
    folder = json_cache.private_folder(tmp_path / "cache")
    folder.rmdir()  # gone after the check: nothing can be written there
    calls = []
    assert json_cache.load(str(source), parser(source, calls), folder) == DATA
    assert not folder.exists()


def test_another_kind_of_parse_does_not_read_the_first_ones_entry(source, tmp_path):
    folder = json_cache.private_folder(tmp_path / "cache")
    json_cache.load(str(source), parser(source, []), folder)
    assert json_cache.load(str(source), lambda: ["parsed", "otherwise"], folder, kind="other-1") == [
        "parsed",
        "otherwise",
    ]
    assert len(list(folder.iterdir())) == 2


def test_without_a_cache_folder_the_file_is_simply_parsed(source, tmp_path, monkeypatch):
    monkeypatch.setattr(json_cache, "default_folder", lambda: None)
    calls = []
    assert json_cache.load(str(source), parser(source, calls)) == DATA
    assert json_cache.load(str(source), parser(source, calls)) == DATA
    assert len(calls) == 2


def test_the_installation_cache_lives_in_this_environment():
    folder = json_cache.default_folder()
    assert folder is not None and folder.is_relative_to(sys.prefix)
    assert folder.stat().st_mode & 0o077 == 0
