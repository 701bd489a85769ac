"""Verifiable course badges: a signed Open Badges 2.0 assertion, baked into the badge's own SVG.

    >>> bake_badges(Path("grades"))                 # after `labkit grade`: grades/badges/STUDENT.svg at 600 XP
    [PosixPath('grades/badges/ada.svg')]
    >>> verify_badge("ada.svg", issuer_key="~/.labkit/issuer-key.pub.pem").xp
    600

What a badge holds (Open Badges 2.0, https://w3id.org/openbadges/v2)
- One Assertion with everything embedded: the BadgeClass (bilingual name, description and criteria, the
  badge's picture as a data: URI), the issuer Profile and its public key. Nothing is hosted, so every id
  is a URN and a badge can be checked offline, years later, with nothing but the file and the public key.
- recipient: the student id as the grader knows it (the nbgrader id, the folder's name), hashed with
  SHA-256 and a random salt, type "id". Not "email": labkit never learns students' addresses and a student
  id is not one; a displayer that matches "email" identities would wrongly take it for one. Hashed, so a
  shared badge does not publish the id; whoever knows the id can check it (`verify_badge(..., student=)`).
- xp: the XP the grader verified (a term of our own, mapped in the assertion's @context).
- verification {"type": "SignedBadge", "creator": KEY_ID}. The key id is the SHA-256 of the public key
  (`urn:labkit:key:sha256:...`), so it names exactly one key and a verifier recomputes it.
- Signed as a compact JWS with RS256 (header.payload.signature, base64url), baked as the baking spec says:
  `<svg xmlns:openbadges="http://openbadges.org" ...>`, then first inside it the self-closing
  `<openbadges:assertion verify="JWS"/>` (for a signed badge `verify` holds the JWS and the tag no body).

The issuer key: $LABKIT_HOME/issuer-key.pem (~/.labkit/issuer-key.pem) unless `--issuer-key PATH`
- Why there and not beside OUT: the key is the instructor's, not one class's. Every term's badges verify
  with the same public key, published once; and OUT is the folder that gets handed out (gradebook to the
  LMS, feedback pages to students), where a private key would travel along. LABKIT_HOME is the
  instructor's private folder (mode 0700) that already holds labkit's own secrets.
- RSA 2048, made on first use (only when some student earned the badge), mode 0600, created atomically
  (a complete temporary file hard-linked into place: two graders at once end up sharing one key) and never
  overwritten: a file there that is not a usable key is an error, left as it is.
- Its public key is written beside it, `issuer-key.pub.pem` (made again from the private key if lost).

What a verification proves, and what not
- Without the instructor's public key, only that the badge is intact and signed by the key it carries:
  anyone can make a key and sign a badge with it. With `issuer_key`, that this instructor signed it.
- Revocation and expiry are honoured when the assertion says so (`revoked`, `expires`); labkit's badges
  do not expire, and there is no hosted revocation list to consult offline.
- The grader runs students' notebooks as the instructor's own user: keep the key where that user's
  kernels cannot read it, or grade under another account (see labkit.grading.execute).
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
import os
import re
import secrets
import sys
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from ..atomic import write_atomically
from ..checks.catalogue import COURSE_BADGE_XP
from ..config import labkit_home
from ..messages import LabkitError, message, pair
from ..progress.badges import COURSE_BADGE, badge

ISSUER_KEY_FILE = "issuer-key.pem"
KEY_BITS = 2048
BADGES = "badges"  # OUT/badges/STUDENT.svg
RESULTS = "results"  # OUT/results/STUDENT.json, as labkit.grading.grade writes them
CONTEXT = "https://w3id.org/openbadges/v2"
XP_TERM = "urn:labkit:xp"
BADGE_CLASS_ID = f"urn:labkit:badge:{COURSE_BADGE}"
SVG_NS = "http://www.w3.org/2000/svg"
OPENBADGES_NS = "http://openbadges.org"
MAX_SVG_BYTES = 1 << 20  # a baked badge is about 10 KB
_B64URL = re.compile(r"[A-Za-z0-9_-]*")


# ---- the issuer key -------------------------------------------------------------------------------------


def default_issuer_key() -> Path:
    """$LABKIT_HOME/issuer-key.pem (see "The issuer key" above for why)."""
    return labkit_home() / ISSUER_KEY_FILE


def public_key_path(private_key: str | Path) -> Path:
    """Where the public key of `private_key` is written: issuer-key.pem -> issuer-key.pub.pem."""
    private_key = Path(private_key).expanduser()
    stem = private_key.name[: -len(".pem")] if private_key.name.endswith(".pem") else private_key.name
    return private_key.with_name(f"{stem}.pub.pem")


def load_issuer_key(path: str | Path | None = None) -> rsa.RSAPrivateKey:
    """The instructor's signing key at `path` (default: $LABKIT_HOME/issuer-key.pem), made on first use;
    its public key is (re)written beside it. A file there that is no usable key: a bilingual error."""
    path = Path(path).expanduser() if path else default_issuer_key()
    if not path.exists() and _create_key(path):
        sys.stderr.write(message("grading.badge.key_created", key=path, public=public_key_path(path)) + "\n")
    key = _load_private_key(path)
    _write_public_key(key, public_key_path(path))
    return key


def _create_key(path: Path) -> bool:
    """A new key at `path`, atomically; False when another process made one first (then its key is the key)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(pem)
        os.link(temporary, path)  # never over an existing file, and never half a key in view
        return True
    except FileExistsError:
        return False
    finally:
        temporary.unlink(missing_ok=True)


def _load_private_key(path: Path) -> rsa.RSAPrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError, UnsupportedAlgorithm) as error:  # TypeError: a passphrase
        raise LabkitError("grading.badge.bad_issuer_key", path=path, error=_reason(error)) from None
    if not isinstance(key, rsa.RSAPrivateKey) or key.key_size < KEY_BITS:
        raise LabkitError("grading.badge.weak_issuer_key", path=path, bits=KEY_BITS)
    return key


def _public_pem(public_key: rsa.RSAPublicKey) -> str:
    return public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode(
        "ascii"
    )


def _write_public_key(key: rsa.RSAPrivateKey, path: Path) -> None:
    pem = _public_pem(key.public_key())
    try:
        if path.exists() and path.read_text(encoding="ascii", errors="replace") == pem:
            return
        write_atomically(path, pem)
        os.chmod(path, 0o644)  # a public key: for sharing
    except OSError:
        pass  # only a copy: the private key file serves `verify-badge --issuer-key` too


def load_public_key(path: str | Path) -> rsa.RSAPublicKey:
    """The RSA public key in the PEM file `path` (a private key file gives its public key)."""
    path = Path(path).expanduser()
    try:
        data = path.read_bytes()
        try:
            key = serialization.load_pem_public_key(data)
        except ValueError:
            key = serialization.load_pem_private_key(data, password=None).public_key()
    except (OSError, ValueError, TypeError, UnsupportedAlgorithm) as error:
        raise LabkitError("grading.badge.bad_public_key", path=path, error=_reason(error)) from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise LabkitError("grading.badge.bad_public_key", path=path, error=type(key).__name__)
    return key


def key_id(public_key: rsa.RSAPublicKey) -> str:
    """The key's id: the SHA-256 of its DER SubjectPublicKeyInfo, as a URN."""
    der = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return f"urn:labkit:key:sha256:{hashlib.sha256(der).hexdigest()}"


def _reason(error: BaseException) -> str:
    return str(error).splitlines()[0][:200] if str(error) else type(error).__name__


# ---- the assertion and its JWS --------------------------------------------------------------------------


def recipient_hash(student: str, salt: str) -> str:
    """The IdentityHash of a student id: sha256$ + hex SHA-256 of the id followed by the salt."""
    return "sha256$" + hashlib.sha256((student + salt).encode("utf-8")).hexdigest()


def _both(key: str, joiner: str = "\n\n", **fields) -> str:
    texts = pair(key, **fields)
    return f"{texts['en']}{joiner}{texts['ko']}"


def assertion(student: str, xp: int, public_key: rsa.RSAPublicKey, issued_on: _dt.datetime | None = None) -> dict:
    """The Open Badges 2.0 Assertion of the course badge for `student`, everything embedded."""
    kid = key_id(public_key)
    issuer_id = kid.replace(":key:", ":issuer:", 1)
    salt = secrets.token_hex(16)
    course = badge(COURSE_BADGE)
    issued_on = issued_on or _dt.datetime.now(_dt.timezone.utc)
    return {
        "@context": [CONTEXT, {"xp": {"@id": XP_TERM, "@type": "http://www.w3.org/2001/XMLSchema#integer"}}],
        "type": "Assertion",
        "id": f"urn:uuid:{uuid.uuid4()}",
        "recipient": {"type": "id", "hashed": True, "salt": salt, "identity": recipient_hash(student, salt)},
        "issuedOn": issued_on.astimezone(_dt.timezone.utc).isoformat(timespec="seconds"),
        "xp": xp,
        "evidence": {"narrative": _both("grading.badge.evidence", xp=xp, total=COURSE_BADGE_XP)},
        "verification": {"type": "SignedBadge", "creator": kid},
        "badge": {
            "type": "BadgeClass",
            "id": BADGE_CLASS_ID,
            "name": f"{course.name['en']} / {course.name['ko']}",
            "description": _both("grading.badge.description", xp=COURSE_BADGE_XP),
            "image": "data:image/svg+xml;base64," + base64.b64encode(course.svg().encode("utf-8")).decode("ascii"),
            "criteria": {"narrative": _both("grading.badge.criteria", xp=COURSE_BADGE_XP)},
            "issuer": {
                "type": "Profile",
                "id": issuer_id,
                "name": _both("grading.badge.issuer_name", " / "),
                "publicKey": {
                    "type": "CryptographicKey",
                    "id": kid,
                    "owner": issuer_id,
                    "publicKeyPem": _public_pem(public_key),
                },
            },
        },
    }


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64url(text: str) -> bytes:
    if not _B64URL.fullmatch(text):
        raise ValueError(text[:20])
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _json_bytes(value: dict) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sign(payload: dict, key: rsa.RSAPrivateKey) -> str:
    """`payload` as a compact JWS signed with RS256 (RFC 7515): header.payload.signature."""
    header = {"alg": "RS256", "kid": key_id(key.public_key())}
    signing_input = f"{_b64url(_json_bytes(header))}.{_b64url(_json_bytes(payload))}"
    signature = key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{_b64url(signature)}"


def parse_jws(token: str) -> tuple[dict, dict, bytes, bytes]:
    """(header, payload, signing input, signature) of a compact JWS whose header and payload are JSON
    objects; ValueError when it is not one. Nothing is verified here."""
    parts = token.split(".")
    if len(parts) != 3:
        raise ValueError(len(parts))
    try:
        header, payload = (json.loads(_unb64url(part)) for part in parts[:2])
    except RecursionError:  # "[[[[...": JSON nested too deep to be a badge
        raise ValueError(parts[1][:20]) from None
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise ValueError(parts[1][:20])
    return header, payload, f"{parts[0]}.{parts[1]}".encode("ascii"), _unb64url(parts[2])


def signature_matches(signing_input: bytes, signature: bytes, public_key: rsa.RSAPublicKey) -> bool:
    try:
        public_key.verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature:
        return False
    return True


# ---- baking ---------------------------------------------------------------------------------------------


def bake(svg: str, jws: str) -> str:
    """`svg` (a document of labkit.progress.badges) with `jws` baked in as the Open Badges baking spec says."""
    opening = re.search(r"<svg\b[^>]*>", svg)
    baked_opening = opening.group(0)[:-1] + f' xmlns:openbadges="{OPENBADGES_NS}">'
    return svg[: opening.start()] + baked_opening + f'<openbadges:assertion verify="{jws}"/>' + svg[opening.end() :]


def unbake(data: bytes, path: Path) -> str:
    """The JWS baked into the SVG document `data` (read from `path`); a bilingual error otherwise."""
    if len(data) > MAX_SVG_BYTES or b"<!ENTITY" in data:  # entities: the "billion laughs"; a badge has none
        raise LabkitError("grading.badge.not_svg", path=path)
    try:
        root = ET.fromstring(data)
    except (ET.ParseError, ValueError, LookupError):  # LookupError: an encoding Python does not know
        raise LabkitError("grading.badge.not_svg", path=path) from None
    if root.tag != f"{{{SVG_NS}}}svg":
        raise LabkitError("grading.badge.not_svg", path=path)
    found = list(root.iter(f"{{{OPENBADGES_NS}}}assertion"))
    if not found:
        raise LabkitError("grading.badge.no_assertion", path=path)
    if len(found) > 1:  # the spec allows one: a second could show one recipient and prove another
        raise LabkitError("grading.badge.many_assertions", path=path)
    verify = (found[0].get("verify") or "").strip()
    if verify.count(".") != 2 or "://" in verify:
        raise LabkitError("grading.badge.not_signed", path=path)
    return verify


def bake_badge(student: str, xp: int, path: str | Path, key: rsa.RSAPrivateKey) -> Path:
    """Write the course badge of `student` (`xp` verified), signed with `key`, to `path` (atomically)."""
    path = Path(path)
    token = sign(assertion(student, xp, key.public_key()), key)
    write_atomically(path, bake(badge(COURSE_BADGE).svg(), token))
    return path


# ---- verifying ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VerifiedBadge:
    """What a verified badge says. `recipient` is the student id hashed with `salt` (see recipient_hash)."""

    path: Path
    assertion_id: str
    badge_name: str
    recipient: str
    salt: str
    issued_on: str
    xp: int
    key_id: str
    issuer_checked: bool  # verified against the instructor's public key given, not only the key it carries
    student: str | None = None  # the student id it was checked to belong to, if one was given

    def text(self) -> str:
        lines = [
            message(
                "grading.badge.valid",
                path=self.path,
                badge=self.badge_name,
                xp=self.xp,
                issued_on=self.issued_on,
                recipient=self.recipient,
                salt=self.salt,
            )
        ]
        if self.student is not None:
            lines.append(message("grading.badge.for_student", student=self.student))
        lines.append(
            message(
                "grading.badge.issuer_checked" if self.issuer_checked else "grading.badge.issuer_unchecked",
                key=self.key_id,
            )
        )
        return "\n".join(lines)


def verify_badge(
    path: str | Path,
    issuer_key: str | Path | rsa.RSAPublicKey | None = None,
    student: str | None = None,
    now: _dt.datetime | None = None,
) -> VerifiedBadge:
    """Check the badge file `path` offline: baked JWS, RS256 signature by the key it carries and, when
    given, by the instructor's `issuer_key` (a PEM file or key); an Assertion of the course badge, not
    revoked or expired, issued to `student` when given. A bilingual LabkitError says what is wrong.

        >>> verify_badge("ada.svg", issuer_key="issuer-key.pub.pem", student="ada").issued_on
        '2025-06-01T09:00:00+00:00'
    """
    path = Path(path).expanduser()
    expected = load_public_key(issuer_key) if isinstance(issuer_key, (str, Path)) else issuer_key
    try:
        with open(path, "rb") as stream:
            data = stream.read(MAX_SVG_BYTES + 1)
    except OSError as error:
        raise LabkitError("grading.badge.unreadable", path=path, error=_reason(error)) from None
    try:
        header, payload, signing_input, signature = parse_jws(unbake(data, path))
    except (ValueError, UnicodeError):
        raise LabkitError("grading.badge.bad_jws", path=path) from None
    if header.get("alg") != "RS256" or "crit" in header:
        raise LabkitError("grading.badge.bad_algorithm", path=path, alg=str(header.get("alg"))[:40])
    carried = _carried_key(payload, path)
    if not signature_matches(signing_input, signature, carried):
        raise LabkitError("grading.badge.bad_signature", path=path)
    if expected is not None and key_id(expected) != key_id(carried):
        raise LabkitError("grading.badge.wrong_issuer", path=path, key=key_id(carried), expected=key_id(expected))
    _check_assertion(payload, path, now or _dt.datetime.now(_dt.timezone.utc))
    recipient = payload["recipient"]
    if student is not None and recipient_hash(student, recipient["salt"]) != recipient["identity"]:
        raise LabkitError("grading.badge.not_recipient", path=path, student=student)
    return VerifiedBadge(
        path,
        payload["id"],
        payload["badge"]["name"],
        recipient["identity"],
        recipient["salt"],
        payload["issuedOn"],
        payload["xp"],
        key_id(carried),
        expected is not None,
        student,
    )


def _field(value, *names: str):
    """value[names[0]][names[1]]...; None when any step is not an object or lacks the name."""
    for name in names:
        value = value.get(name) if isinstance(value, dict) else None
    return value


def _carried_key(payload: dict, path: Path) -> rsa.RSAPublicKey:
    """The issuer's key the assertion carries, with its id the key's own and named as the creator."""
    public = _field(payload, "badge", "issuer", "publicKey")
    pem = _field(public, "publicKeyPem")
    try:
        key = serialization.load_pem_public_key(pem.encode("ascii"))
    except (AttributeError, ValueError, UnicodeError, UnsupportedAlgorithm):
        raise LabkitError("grading.badge.not_assertion", path=path, field="badge.issuer.publicKey") from None
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < KEY_BITS:
        raise LabkitError("grading.badge.not_assertion", path=path, field="badge.issuer.publicKey")
    if _field(public, "id") != key_id(key) or _field(payload, "verification", "creator") != key_id(key):
        raise LabkitError("grading.badge.not_assertion", path=path, field="verification.creator")
    return key


def _has(value, wanted: str) -> bool:
    return value == wanted or (isinstance(value, list) and wanted in value)


def _moment(text) -> _dt.datetime | None:
    """An ISO 8601 DateTime with its time zone (Open Badges 2.0 requires one), else None."""
    try:
        moment = _dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else None


def _check_assertion(payload: dict, path: Path, now: _dt.datetime) -> None:
    recipient = payload.get("recipient")
    checks = {
        "@context": _has(payload.get("@context"), CONTEXT),
        "type": _has(payload.get("type"), "Assertion"),
        "id": isinstance(payload.get("id"), str),
        "verification.type": _field(payload, "verification", "type") in ("SignedBadge", "signed"),
        "badge.type": _has(_field(payload, "badge", "type"), "BadgeClass"),
        "badge.name": isinstance(_field(payload, "badge", "name"), str),
        "recipient": (
            isinstance(recipient, dict)
            and recipient.get("hashed") is True
            and isinstance(recipient.get("salt"), str)
            and str(recipient.get("identity", "")).startswith("sha256$")
        ),
        "issuedOn": _moment(payload.get("issuedOn")) is not None,
        "xp": type(payload.get("xp")) is int,
    }
    for field, ok in checks.items():
        if not ok:
            raise LabkitError("grading.badge.not_assertion", path=path, field=field)
    if _field(payload, "badge", "id") != BADGE_CLASS_ID:
        raise LabkitError(
            "grading.badge.not_course_badge",
            path=path,
            badge=str(_field(payload, "badge", "id"))[:80],
            expected=BADGE_CLASS_ID,
        )
    if payload.get("revoked") is True:
        raise LabkitError("grading.badge.revoked", path=path, reason=str(payload.get("revocationReason", ""))[:200])
    if "expires" in payload:
        expires = _moment(payload["expires"])
        if expires is None:
            raise LabkitError("grading.badge.not_assertion", path=path, field="expires")
        if expires <= now:
            raise LabkitError("grading.badge.expired", path=path, expires=payload["expires"])


# ---- what the grader writes -----------------------------------------------------------------------------


def bake_badges(out: Path, students: list[str] | None = None, issuer_key: str | Path | None = None) -> list[Path]:
    """OUT/badges/STUDENT.svg, signed, for each result in OUT/results (of `students`, else all) whose
    course badge the grader awarded. A badge still valid for this key and student is kept as it is (its
    issuedOn stays the first award's); the badge of a student who no longer earns it is removed. The key
    is made only when some badge is signed. Returns the badge files, in student order."""
    out = Path(out)
    names = students if students is not None else sorted(p.stem for p in (out / RESULTS).glob("*.json"))
    key = None
    written = []
    for student in names:
        if not student or Path(student).name != student or student.startswith("."):
            continue  # not a file name of ours: nothing to write
        target = out / BADGES / f"{student}.svg"
        result = _result(out, student)
        if not result.get("badge") or type(result.get("xp")) is not int:
            target.unlink(missing_ok=True)
            continue
        key = key or load_issuer_key(issuer_key)
        if not _still_valid(target, key, student, result["xp"]):
            bake_badge(student, result["xp"], target, key)
        written.append(target)
    return written


def _result(out: Path, student: str) -> dict:
    try:
        result = json.loads((out / RESULTS / f"{student}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return result if isinstance(result, dict) else {}


def _still_valid(path: Path, key: rsa.RSAPrivateKey, student: str, xp: int) -> bool:
    if not path.exists():
        return False
    try:
        return verify_badge(path, issuer_key=key.public_key(), student=student).xp == xp
    except LabkitError:
        return False
