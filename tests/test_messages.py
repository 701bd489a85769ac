"""The message catalogue: every message in English and Korean, same placeholders; nothing bypasses it."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from labkit.messages import CATALOGUE, LabkitError, message, message_html, pair

HANGUL = re.compile(r"[\uac00-\ud7a3]")
LABKIT = Path(__file__).resolve().parent.parent / "labkit"


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_message_has_english_and_korean_with_the_same_placeholders(key):
    entry = CATALOGUE[key]
    assert set(entry) == {"en", "ko"}, key
    assert entry["en"].strip() and entry["ko"].strip()
    # A line with no words (e.g. "AWS_ENDPOINT_URL={url}", identical in both) has nothing to translate.
    if not (entry["en"] == entry["ko"] and not _is_prose(entry["en"])):
        assert HANGUL.search(entry["ko"]), f"{key}: Korean text has no Hangul"
    assert placeholders(entry["en"]) == placeholders(entry["ko"])
    for filler in ("X", 1.5):
        try:
            assert message(key, **{name: filler for name in placeholders(entry["en"])})
            break
        except ValueError:  # a numeric format spec such as {size:.1f}
            continue
    else:
        pytest.fail(f"{key} does not format")


def test_language_choice(monkeypatch):
    monkeypatch.setenv("LABKIT_LANG", "en")
    assert message("session.where_sandbox") == CATALOGUE["session.where_sandbox"]["en"]
    monkeypatch.setenv("LABKIT_LANG", "ko")
    assert message("session.where_sandbox") == CATALOGUE["session.where_sandbox"]["ko"]
    monkeypatch.setenv("LABKIT_LANG", "both")
    assert message("session.where_sandbox").split("\n") == [CATALOGUE["session.where_sandbox"]["en"],
                                                            CATALOGUE["session.where_sandbox"]["ko"]]
    monkeypatch.delenv("LABKIT_LANG")
    assert "\n" in message("session.where_sandbox")
    monkeypatch.setenv("LABKIT_LANG", "fr")  # unknown: both
    assert "\n" in message("session.where_sandbox")


def test_bilingual_fields_and_html(monkeypatch):
    title = pair("checks.lab.03-athena")
    both = message("session.header_title", lab="03", title=title)
    assert both == "Lab 03 · Querying flow logs with Athena\n실습 03 · Athena로 흐름 로그 쿼리하기"
    html = message_html("checks.why.no_bucket", bucket="<b>")
    assert "&lt;b&gt;" in html and 'lang="ko"' in html and 'lang="en"' in html
    error = LabkitError("session.unknown_lab", lab="99", labs="00")
    assert "There is no lab 99" in str(error) and "99 실습은 없습니다" in str(error)


# ---- nothing user-facing bypasses the catalogue -------------------------------------------------------

# Calls whose string arguments a student or instructor reads.
SHOWN_CALLS = {"print", "display", "warn", "HTML", "Markdown", "set_title", "suptitle", "set_xlabel",
               "set_ylabel", "xlabel", "ylabel", "title", "echo", "showwarning", "exit"}
# Texts of the AWS wire protocol, worded as the real service does (in English, like AWS itself):
# the sandbox's Athena, CloudWatch and Glue engines and its moto patches answer boto3, not the student.
AWS_PROTOCOL = re.compile(r"^sandbox/((athena|cloudwatch|glue)/.*|[a-z_]*patches\.py)$")
MARKER = "not-user-facing"
PROSE = re.compile(r"[A-Za-z]{2,}[,.:;!?'()-]*\s+[(']?[A-Za-z]{2,}")
SQL = re.compile(r"^\s*(SELECT|WITH|CREATE|ALTER|DROP|SHOW|DESCRIBE|MSCK|INSERT)\b", re.I)


def _literals(node: ast.AST):
    """String literals inside an argument, not descending into other calls (message("key") is fine),
    except "...".format()/.join() on a literal, whose literal is the text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        yield "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    elif isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and isinstance(func.value, (ast.Constant, ast.JoinedStr)):
            yield from _literals(func.value)
    elif isinstance(node, (ast.BinOp, ast.IfExp, ast.BoolOp, ast.Tuple, ast.List)):
        for child in ast.iter_child_nodes(node):
            yield from _literals(child)


def _is_prose(text: str) -> bool:
    stripped = re.sub(r"<[^>]+>", " ", re.sub(r"\{[^}]*\}", " ", text))
    return bool(HANGUL.search(stripped) or (PROSE.search(stripped) and re.search(r"[a-z]", stripped)
                                            and not SQL.match(stripped)))


def _call_name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _aws_exception_names(tree: ast.AST) -> set[str]:
    """Exception classes imported from moto/botocore: their messages are AWS's own wire texts."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(("moto", "botocore")):
            names |= {alias.asname or alias.name for alias in node.names}
    return names


def offenders_in(path: Path) -> list[str]:
    relative = path.relative_to(LABKIT).as_posix()
    if AWS_PROTOCOL.match(relative) or relative.startswith("messages/"):
        return []
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    aws_exceptions = _aws_exception_names(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_name(node) in SHOWN_CALLS:
            args, where = list(node.args), node
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) \
                and _call_name(node.exc) not in aws_exceptions:
            args, where = list(node.exc.args) + [k.value for k in node.exc.keywords], node
        else:
            continue
        span = lines[where.lineno - 1:(where.end_lineno or where.lineno)]
        if any(MARKER in line for line in span):
            continue
        for arg in args:
            for literal in _literals(arg):
                if _is_prose(literal):
                    found.append(f"{relative}:{where.lineno}: {literal[:60]!r}")
    return found


def test_the_scanner_catches_what_it_should(tmp_path):
    sample = LABKIT / "_scanner_probe.py"
    cases = {
        'print("Bucket created")': True, 'raise ValueError(f"no bucket {name} here")': True,
        'warnings.warn("this is deprecated")': True, 'display(HTML("<b>Flow logs ready</b>"))': True,
        'ax.set_title("Top attackers")': True, 'print("버킷")': True, 'print("x {} y".format(1))': False,
        'print(message("sandbox.ready", url=u))': False, 'raise LabkitError("checks.unknown_step", step=s)': False,
        'print(f"AWS_ENDPOINT_URL={url}")': False, 'print("SELECT count(*) FROM vpc_flow_logs")': False,
        'print("Bucket created")  # not-user-facing': False, 'print(json.dumps(data))': False,
    }
    try:
        for code, flagged in cases.items():
            sample.write_text(code + "\n")
            assert bool(offenders_in(sample)) == flagged, code
    finally:
        sample.unlink(missing_ok=True)


def test_no_user_facing_string_bypasses_the_catalogue():
    offenders = [o for path in sorted(LABKIT.rglob("*.py")) for o in offenders_in(path)]
    assert offenders == [], "strings shown to users must come from labkit.messages:\n" + "\n".join(offenders)
