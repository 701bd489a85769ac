"""Verifiable course badges: `labkit grade` signs an Open Badges 2.0 assertion for every student the grader
verified at 600 XP, baked into the badge's SVG, and `labkit verify-badge FILE` checks it offline.

The oracles are independent of labkit: PyJWT verifies the JWS, the Open Badges reference bakery
(openbadges-bakery) unbakes and bakes the SVG, xml.etree reads it, hashlib recomputes the recipient.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import stat
import threading
from pathlib import Path

import jwt
import openbadges_bakery
import pytest
import xml.etree.ElementTree as ET
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from labkit.checks.catalogue import COURSE_BADGE_XP
from labkit.cli import main
from labkit.grading import find_submissions
from labkit.grading.open_badges import (
    BADGE_CLASS_ID,
    BADGES,
    bake_badge,
    bake_badges,
    load_issuer_key,
    public_key_path,
    verify_badge,
)
from labkit.messages import LabkitError
from labkit.progress.badges import badge

SVG = "{http://www.w3.org/2000/svg}"
OPENBADGES = "{http://openbadges.org}"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def instructor_home(tmp_path, monkeypatch):
    """A LABKIT_HOME of the instructor's own, in both languages."""
    monkeypatch.setenv("LABKIT_HOME", str(tmp_path / "labkit-home"))
    monkeypatch.setenv("LABKIT_LANG", "both")
    return tmp_path / "labkit-home"


@pytest.fixture(scope="module")
def keys(tmp_path_factory):
    """The instructor's issuer key (made once for the module: RSA key generation takes a moment)."""
    folder = tmp_path_factory.mktemp("issuer")
    private = folder / "issuer-key.pem"
    load_issuer_key(private)
    return private, public_key_path(private)


@pytest.fixture
def signed(keys, tmp_path):
    """Ada's badge, signed with the instructor's key."""
    return bake_badge("ada", COURSE_BADGE_XP, tmp_path / "ada.svg", load_issuer_key(keys[0]))


def unbaked(path: Path) -> str:
    """The assertion as the reference bakery extracts it."""
    with open(path, "rb") as handle:
        return openbadges_bakery.unbake(handle)


def oracle(token: str, public: Path) -> dict:
    """The assertion, if PyJWT accepts the RS256 signature with `public` (raises otherwise)."""
    return json.loads(jwt.PyJWS().decode(token, public.read_bytes(), algorithms=["RS256"]))


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def rebake(path: Path, token: str, into: Path) -> Path:
    """`path` with its assertion replaced by `token` (a forger's edit of the file)."""
    into.write_text(path.read_text(encoding="utf-8").replace(unbaked(path), token), encoding="utf-8")
    return into


def with_payload(token: str, change) -> str:
    header, payload, signature = token.split(".")
    assertion = json.loads(unb64(payload))
    change(assertion)
    return f"{header}.{b64(json.dumps(assertion).encode())}.{signature}"


def resigned(token: str, change, key: rsa.RSAPrivateKey) -> str:
    """The assertion changed by `change`, then signed again with `key` (by PyJWT, not by labkit)."""
    assertion = json.loads(unb64(token.split(".")[1]))
    change(assertion)
    return jwt.PyJWS().encode(json.dumps(assertion).encode(), key, algorithm="RS256")


def failure(path: Path, **options) -> LabkitError:
    with pytest.raises(LabkitError) as caught:
        verify_badge(path, **options)
    return caught.value


def bilingual(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text) and any("a" <= ch <= "z" for ch in text)


# ---- the badge: an Open Badges 2.0 assertion, signed, baked into the SVG ---------------------------------


def test_a_signed_badge_verifies_with_an_independent_jws_library(signed, keys):
    token = unbaked(signed)
    assertion = oracle(token, keys[1])
    assert jwt.get_unverified_header(token)["alg"] == "RS256"
    assert (
        assertion["@context"] == "https://w3id.org/openbadges/v2"
        or "https://w3id.org/openbadges/v2" in assertion["@context"]
    )
    assert assertion["type"] == "Assertion" and assertion["id"].startswith("urn:uuid:")
    recipient = assertion["recipient"]
    assert recipient["type"] == "id" and recipient["hashed"] is True and recipient["salt"]
    assert recipient["identity"] == "sha256$" + hashlib.sha256(("ada" + recipient["salt"]).encode()).hexdigest()
    # the student id only hashed: in no value (a random salt's hex digits may spell "ada" by chance)
    values = [v for v in re.findall(r'"((?:[^"\\]|\\.)*)"', json.dumps(assertion))]
    assert not [v for v in values if re.search(r"\bada\b", v)]
    badge_class = assertion["badge"]
    assert badge_class["type"] == "BadgeClass" and badge_class["id"] == BADGE_CLASS_ID
    assert "Flow Log Analyst" in badge_class["name"] and "흐름 로그 분석가" in badge_class["name"]
    assert bilingual(badge_class["description"]) and bilingual(badge_class["criteria"]["narrative"])
    assert badge_class["image"].startswith("data:image/svg+xml;base64,")
    issuer = badge_class["issuer"]
    assert issuer["type"] == "Profile" and issuer["publicKey"]["owner"] == issuer["id"]
    assert issuer["publicKey"]["type"] == "CryptographicKey"
    assert issuer["publicKey"]["publicKeyPem"].strip() == keys[1].read_text().strip()
    assert assertion["verification"] == {"type": "SignedBadge", "creator": issuer["publicKey"]["id"]}
    assert assertion["issuedOn"].endswith("+00:00") and assertion["xp"] == COURSE_BADGE_XP
    verdict = verify_badge(signed, issuer_key=keys[1], student="ada")
    assert (verdict.xp, verdict.issued_on, verdict.recipient) == (600, assertion["issuedOn"], recipient["identity"])
    assert verdict.issuer_checked and verdict.assertion_id == assertion["id"]


def test_the_assertion_is_baked_as_the_baking_spec_says(signed):
    """xmlns:openbadges on <svg>, then first inside it a self-closing <openbadges:assertion verify="JWS"/>."""
    text = signed.read_text(encoding="utf-8")
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    assert 'xmlns:openbadges="http://openbadges.org"' in text.split(">", 1)[0]
    first = root[0]
    assert first.tag == f"{OPENBADGES}assertion" and len(root.findall(f".//{OPENBADGES}assertion")) == 1
    assert first.get("verify") == unbaked(signed) and not (first.text or "").strip() and len(first) == 0
    assert text.count("<openbadges:assertion ") == 1
    assert text.split("<openbadges:assertion ", 1)[1].split(">", 1)[0].endswith("/")  # self-closing
    # still the badge people see
    assert root.find(f"{SVG}title").text == ET.fromstring(badge().svg()).find(f"{SVG}title").text


def test_a_badge_baked_by_the_reference_bakery_verifies(signed, keys, tmp_path):
    plain = io.BytesIO(badge().svg().encode())
    with open(tmp_path / "baked-elsewhere.svg", "wb") as out:
        openbadges_bakery.bake(plain, unbaked(signed), out)
    assert verify_badge(tmp_path / "baked-elsewhere.svg", issuer_key=keys[1], student="ada").xp == COURSE_BADGE_XP


# ---- tampering, in the oracle and in verify_badge ---------------------------------------------------------


def test_a_changed_payload_fails(signed, keys, tmp_path):
    def more_xp(assertion):
        assertion["xp"] = 6000

    def other_student(assertion):
        salt = assertion["recipient"]["salt"]
        assertion["recipient"]["identity"] = "sha256$" + hashlib.sha256(("mallory" + salt).encode()).hexdigest()

    for change in (more_xp, other_student):
        token = with_payload(unbaked(signed), change)
        with pytest.raises(jwt.InvalidSignatureError):
            oracle(token, keys[1])
        forged = rebake(signed, token, tmp_path / "forged.svg")
        for options in ({}, {"issuer_key": keys[1]}):
            assert failure(forged, **options).key == "grading.badge.bad_signature"


def test_a_changed_svg_around_the_assertion_still_verifies(signed, keys, tmp_path):
    """The signature covers the assertion, not the drawing (the baking spec's model)."""
    edited = tmp_path / "recoloured.svg"
    edited.write_text(signed.read_text(encoding="utf-8").replace("#0d47a1", "#000000"), encoding="utf-8")
    assert verify_badge(edited, issuer_key=keys[1]).xp == COURSE_BADGE_XP


def test_a_changed_signature_fails(signed, keys, tmp_path):
    header, payload, signature = unbaked(signed).split(".")
    raw = bytearray(unb64(signature))
    raw[len(raw) // 2] ^= 0x01
    token = f"{header}.{payload}.{b64(bytes(raw))}"
    with pytest.raises(jwt.InvalidSignatureError):
        oracle(token, keys[1])
    assert failure(rebake(signed, token, tmp_path / "forged.svg")).key == "grading.badge.bad_signature"


def test_a_swapped_key_fails(signed, keys, tmp_path):
    mallory = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    mallory_pem = (
        mallory.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )

    def mallorys_key(assertion):
        assertion["badge"]["issuer"]["publicKey"]["publicKeyPem"] = mallory_pem

    # Mallory's key in the badge, the instructor's signature: the signature does not match the key named.
    kept_signature = with_payload(unbaked(signed), mallorys_key)
    assert failure(rebake(signed, kept_signature, tmp_path / "a.svg")).key == "grading.badge.not_assertion"
    # Mallory signs it herself: intact, but not the instructor's (the oracle agrees).
    token = resigned(unbaked(signed), mallorys_key, mallory)
    with pytest.raises(jwt.InvalidSignatureError):
        oracle(token, keys[1])
    forged = rebake(signed, token, tmp_path / "b.svg")
    assert failure(forged, issuer_key=keys[1]).key == "grading.badge.not_assertion"  # the key id is not hers
    # ...and signed consistently (her key, its id, as creator), only the instructor's key tells it apart
    from labkit.grading.open_badges import key_id

    def mallory_throughout(assertion):
        mallorys_key(assertion)
        kid = key_id(mallory.public_key())
        assertion["badge"]["issuer"]["publicKey"]["id"] = kid
        assertion["verification"]["creator"] = kid

    consistent = rebake(signed, resigned(unbaked(signed), mallory_throughout, mallory), tmp_path / "c.svg")
    unchecked = verify_badge(consistent)
    assert not unchecked.issuer_checked and "--issuer-key" in unchecked.text()
    assert failure(consistent, issuer_key=keys[1]).key == "grading.badge.wrong_issuer"


def test_no_algorithm_but_rs256(signed, keys, tmp_path):
    """'none', and HS256 keyed with the public key (the classic confusion), are refused."""
    _, payload, _ = unbaked(signed).split(".")
    unsigned = f"{b64(json.dumps({'alg': 'none'}).encode())}.{payload}."
    header = b64(json.dumps({"alg": "HS256"}).encode())
    import hmac

    mac = hmac.new(keys[1].read_bytes(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    for token in (unsigned, f"{header}.{payload}.{b64(mac)}"):
        with pytest.raises(jwt.InvalidTokenError):
            oracle(token, keys[1])
        assert failure(rebake(signed, token, tmp_path / "x.svg")).key == "grading.badge.bad_algorithm"


def test_revoked_expired_or_another_badge_fails(signed, keys, tmp_path):
    key = serialization.load_pem_private_key(keys[0].read_bytes(), password=None)
    cases = {
        "grading.badge.revoked": lambda a: a.update(revoked=True, revocationReason="awarded in error"),
        "grading.badge.expired": lambda a: a.update(expires="2001-01-01T00:00:00+00:00"),
        "grading.badge.not_course_badge": lambda a: a["badge"].update(id="urn:labkit:badge:00-welcome"),
        "grading.badge.not_assertion": lambda a: a.update(type="Endorsement"),
    }
    for expected, change in cases.items():
        forged = rebake(signed, resigned(unbaked(signed), change, key), tmp_path / "x.svg")
        error = failure(forged, issuer_key=keys[1])
        assert error.key == expected and bilingual(str(error))


def test_the_recipient_is_checked_when_asked(signed, keys):
    assert verify_badge(signed, student="ada").recipient.startswith("sha256$")
    error = failure(signed, issuer_key=keys[1], student="bo")
    assert error.key == "grading.badge.not_recipient" and "bo" in str(error)


# ---- bad input: a clear bilingual error, never a traceback -----------------------------------------------

HOSTED = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">'
    '<openbadges:assertion verify="https://example.org/assertions/1"><![CDATA[{"type": "Assertion"}]]>'
    "</openbadges:assertion></svg>"
)
BOMB = (
    '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><svg xmlns="http://www.w3.org/2000/svg"><title>&c;</title></svg>'
)


@pytest.mark.parametrize(
    "content, key",
    [
        (b"\x89PNG\r\n\x1a\n not really", "grading.badge.not_svg"),
        ("just some text", "grading.badge.not_svg"),
        ('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "grading.badge.not_svg"),
        (BOMB, "grading.badge.not_svg"),
        ('<?xml version="1.0" encoding="x-unheard-of"?><svg/>', "grading.badge.not_svg"),
        (badge().svg(), "grading.badge.no_assertion"),
        (HOSTED, "grading.badge.not_signed"),
        (HOSTED.replace("https://example.org/assertions/1", "a.b.c"), "grading.badge.bad_jws"),
        (HOSTED.replace("https://example.org/assertions/1", "e30.W10.AA"), "grading.badge.bad_jws"),
        (
            HOSTED.replace("<openbadges:assertion", '<openbadges:assertion verify="x.y.z"/><openbadges:assertion'),
            "grading.badge.many_assertions",
        ),
    ],
    ids=["png", "text", "not-svg", "entities", "encoding", "plain-badge", "hosted", "not-json", "not-object", "two"],
)
def test_bad_input_is_a_bilingual_error(tmp_path, content, key):
    path = tmp_path / "badge.svg"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    error = failure(path)
    assert error.key == key and bilingual(str(error)) and str(path) in str(error)


def test_a_missing_file_or_a_folder_is_a_bilingual_error(tmp_path):
    for path in (tmp_path / "nowhere.svg", tmp_path):
        error = failure(path)
        assert error.key == "grading.badge.unreadable" and bilingual(str(error))


def test_a_bad_expected_key_is_a_bilingual_error(signed, tmp_path):
    not_a_key = tmp_path / "key.pem"
    not_a_key.write_text("-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n")
    for path in (not_a_key, tmp_path / "missing.pem"):
        error = failure(signed, issuer_key=path)
        assert error.key == "grading.badge.bad_public_key" and bilingual(str(error))


def test_the_private_key_file_checks_too(signed, keys):
    assert verify_badge(signed, issuer_key=keys[0]).issuer_checked


# ---- the command ------------------------------------------------------------------------------------------


def test_verify_badge_command_exit_codes_and_output(signed, keys, tmp_path, capsys):
    assert main(["verify-badge", str(signed), "--issuer-key", str(keys[1])]) == 0
    shown = capsys.readouterr().out
    assert bilingual(shown) and "600 XP" in shown and "Traceback" not in shown
    assert main(["verify-badge", str(signed), "--issuer-key", str(keys[1]), "--student", "ada"]) == 0
    capsys.readouterr()
    forged = rebake(signed, with_payload(unbaked(signed), lambda a: a.update(xp=1)), tmp_path / "forged.svg")
    assert main(["verify-badge", str(forged), "--issuer-key", str(keys[1])]) == 3  # a LabkitError, on stderr
    shown = capsys.readouterr().err
    assert bilingual(shown) and "Traceback" not in shown and str(forged) in shown
    assert main(["verify-badge", str(tmp_path / "nowhere.svg")]) == 3
    assert bilingual(capsys.readouterr().err)


def test_verify_badge_without_a_key_says_what_it_did_not_check(signed, capsys):
    assert main(["verify-badge", str(signed)]) == 0
    shown = capsys.readouterr().out
    assert "--issuer-key" in shown and bilingual(shown)


# ---- the issuer key ---------------------------------------------------------------------------------------


def test_the_key_is_created_once_private_and_reused(tmp_path):
    path = tmp_path / "keys" / "issuer-key.pem"
    first = load_issuer_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert isinstance(first, rsa.RSAPrivateKey) and first.key_size == 2048
    public = public_key_path(path)
    assert public == tmp_path / "keys" / "issuer-key.pub.pem"
    assert (
        serialization.load_pem_public_key(public.read_bytes()).public_numbers() == first.public_key().public_numbers()
    )
    saved = path.read_bytes()
    again = load_issuer_key(path)
    assert again.private_numbers() == first.private_numbers() and path.read_bytes() == saved
    public.unlink()  # the public key is only a copy: made again from the private one
    load_issuer_key(path)
    assert (
        serialization.load_pem_public_key(public.read_bytes()).public_numbers() == first.public_key().public_numbers()
    )
    assert sorted(p.name for p in path.parent.iterdir()) == ["issuer-key.pem", "issuer-key.pub.pem"]


def test_the_default_key_lives_in_labkit_home(instructor_home):
    load_issuer_key()
    assert (instructor_home / "issuer-key.pem").is_file() and (instructor_home / "issuer-key.pub.pem").is_file()


def test_racing_graders_share_one_key(tmp_path):
    path = tmp_path / "issuer-key.pem"
    found = []
    threads = [threading.Thread(target=lambda: found.append(load_issuer_key(path).private_numbers())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 4 and all(numbers == found[0] for numbers in found)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_key_file_that_is_not_a_key_is_never_overwritten(tmp_path):
    path = tmp_path / "issuer-key.pem"
    path.write_text("my notes, not a key\n")
    with pytest.raises(LabkitError) as caught:
        load_issuer_key(path)
    assert caught.value.key == "grading.badge.bad_issuer_key" and bilingual(str(caught.value))
    assert path.read_text() == "my notes, not a key\n"
    weak = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    path.write_bytes(
        weak.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    with pytest.raises(LabkitError) as caught:
        load_issuer_key(path)
    assert caught.value.key == "grading.badge.weak_issuer_key"


# ---- the grader writes them: OUT/badges/STUDENT.svg for 600 verified XP ---------------------------------


def results(out: Path, **xp_by_student: int) -> None:
    (out / "results").mkdir(parents=True, exist_ok=True)
    for student, xp in xp_by_student.items():
        result = {
            "student": student,
            "xp": xp,
            "badge": xp >= COURSE_BADGE_XP,
            "status": "graded",
            "steps": [],
            "problems": [],
            "labs": {},
            "passed": [],
        }
        (out / "results" / f"{student}.json").write_text(json.dumps(result))


def test_badges_for_600_xp_and_none_below(keys, tmp_path):
    out = tmp_path / "grades"
    results(out, ada=600, bo=590, cy=0)
    written = bake_badges(out, issuer_key=keys[0])
    assert written == [out / BADGES / "ada.svg"]
    assert sorted(p.name for p in (out / BADGES).iterdir()) == ["ada.svg"]
    assert verify_badge(out / BADGES / "ada.svg", issuer_key=keys[1], student="ada").xp == 600
    assert oracle(unbaked(out / BADGES / "ada.svg"), keys[1])["xp"] == 600


def test_a_rerun_keeps_a_badge_and_removes_one_no_longer_earned(keys, tmp_path):
    out = tmp_path / "grades"
    results(out, ada=600, bo=600)
    bake_badges(out, issuer_key=keys[0])
    ada = (out / BADGES / "ada.svg").read_bytes()
    results(out, bo=480)  # bo graded again (--force), now short of 600
    bake_badges(out, issuer_key=keys[0])
    assert (out / BADGES / "ada.svg").read_bytes() == ada  # same assertion, same issuedOn
    assert not (out / BADGES / "bo.svg").exists()


def test_a_badge_from_another_key_is_signed_again(keys, tmp_path):
    out = tmp_path / "grades"
    results(out, ada=600)
    bake_badges(out, issuer_key=tmp_path / "old-key.pem")
    bake_badges(out, issuer_key=keys[0])
    assert verify_badge(out / BADGES / "ada.svg", issuer_key=keys[1]).issuer_checked


def test_no_key_is_made_when_nobody_earned_the_badge(instructor_home, tmp_path):
    out = tmp_path / "grades"
    results(out, bo=300)
    assert bake_badges(out) == []
    assert not (instructor_home / "issuer-key.pem").exists()


def test_only_the_students_named(keys, tmp_path):
    out = tmp_path / "grades"
    results(out, ada=600, old=600)
    assert bake_badges(out, ["ada"], issuer_key=keys[0]) == [out / BADGES / "ada.svg"]
    assert not (out / BADGES / "old.svg").exists()


def test_labkit_grade_bakes_them(keys, tmp_path, capsys):
    """The wiring: `labkit grade --issuer-key` over submissions already graded (kept results, no kernels)."""
    submitted = tmp_path / "submitted"
    for student in ("ada", "bo"):
        (submitted / student / "labs").mkdir(parents=True)
        (submitted / student / "labs" / "00-welcome.ipynb").write_text(f'{{"cells": [], "by": "{student}"}}')
    out = tmp_path / "grades"
    results(out, ada=600, bo=30)
    for submission in find_submissions([submitted]):
        kept = out / "results" / f"{submission.student}.json"
        kept.write_text(json.dumps({**json.loads(kept.read_text()), "digest": submission.digest}))
    assert main(["grade", str(submitted), "--out", str(out), "--issuer-key", str(keys[0])]) == 0
    assert sorted(p.name for p in (out / BADGES).iterdir()) == ["ada.svg"]
    assert oracle(unbaked(out / BADGES / "ada.svg"), keys[1])["recipient"]["type"] == "id"
    shown = capsys.readouterr().out
    assert "verify-badge" in shown and str(keys[1]) in shown and bilingual(shown)
    # a key file that is no key: a bilingual error and exit 3, never a traceback (results are kept)
    (out / BADGES / "ada.svg").unlink()
    not_a_key = tmp_path / "notes.pem"
    not_a_key.write_text("not a key")
    assert main(["grade", str(submitted), "--out", str(out), "--issuer-key", str(not_a_key)]) == 3
    shown = capsys.readouterr().err
    assert bilingual(shown) and str(not_a_key) in shown and not_a_key.read_text() == "not a key"
