"""The message catalogue: every message in English and Korean, same placeholders; nothing bypasses it;
the Korean gettext catalogue is complete and in step with the English, and a changed English line flags
its Korean."""

from __future__ import annotations

import ast
import gettext
import re
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest

from labkit.messages import CATALOGUE, KOREAN_MO, LabkitError, compiled_translations, message, message_html, pair
from labkit.messages.catalogue import catalogue_files, problems, read_catalogue, update

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
    assert message("session.where_sandbox").split("\n") == [
        CATALOGUE["session.where_sandbox"]["en"],
        CATALOGUE["session.where_sandbox"]["ko"],
    ]
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


# ---- the Korean gettext catalogue ----------------------------------------------------------------------


def test_every_korean_entry_is_translated_current_and_compiled():
    found = problems()
    assert found == [], (
        "labkit/messages/locale/ko/LC_MESSAGES/labkit.po (see labkit/messages/catalogue.py):\n" + "\n".join(found)
    )


def test_labkit_reads_the_korean_gettext_would():
    # The run-time reader of the .mo against the standard library's (an independent reading of the file).
    with open(KOREAN_MO, "rb") as file:
        korean = gettext.GNUTranslations(file)
    assert len(compiled_translations()) > 500
    for key, entry in CATALOGUE.items():
        assert entry["ko"] == korean.pgettext(key, entry["en"]), key


def messages_copy(tmp_path: Path) -> Path:
    """A copy of labkit/messages, importable as the package `messages_copy` from tmp_path."""
    folder = tmp_path / "messages_copy"
    shutil.copytree(LABKIT / "messages", folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def replace_in(path: Path, old: str, new: str) -> None:
    source = path.read_text(encoding="utf-8")
    assert source.count(old) == 1, old
    path.write_text(source.replace(old, new), encoding="utf-8")


def po_entry(folder: Path, key: str):
    return next(message for message in read_catalogue(catalogue_files(folder)[1]) if message.context == key)


def shown_by(folder: Path, key: str, code: str) -> str:
    """What the copy's labkit.messages shows for `key`, in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", f"import messages_copy as m; print(m.CATALOGUE[{key!r}][{code!r}])"],
        cwd=folder.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.rstrip("\n")


def test_a_changed_english_line_makes_its_korean_fuzzy_until_someone_checks_it(tmp_path):
    folder, key = messages_copy(tmp_path), "delivery.minutes_out_of_order"
    old_english, korean = CATALOGUE[key]["en"], CATALOGUE[key]["ko"]
    replace_in(folder / "delivery.py", "deliver minutes in time order.", "deliver the minutes in time order.")
    assert problems(folder) == [
        "labkit.pot is not the English of the modules: run `make messages`",
        f"{key}: labkit.po has not seen its English (delivery.py): run `make messages`",
    ]
    update(folder)
    entry = po_entry(folder, key)
    assert entry.fuzzy and entry.string == korean and entry.previous_id == [old_english]
    assert entry.id == old_english.replace("deliver minutes", "deliver the minutes")
    assert problems(folder) == [
        f"{key}: fuzzy, its English changed (it translated {old_english!r}): check its "
        "Korean in labkit.po, then take `fuzzy` out of its `#,` line"
    ]
    assert shown_by(folder, key, "ko") == entry.id  # a fuzzy entry is not compiled: English until checked
    # The translator checks the Korean and drops the flag (and the English it translated); `make messages` compiles.
    replace_in(
        catalogue_files(folder)[1],
        f'#, fuzzy, python-brace-format\n#| msgid "{old_english}"\nmsgctxt',
        "#, python-brace-format\nmsgctxt",
    )
    assert problems(folder) == ["labkit.mo is not compiled from labkit.po: run `make messages`"]
    update(folder)
    assert problems(folder) == []
    assert shown_by(folder, key, "ko") == korean


def test_a_new_key_is_untranslated_and_a_removed_one_obsolete(tmp_path):
    folder = messages_copy(tmp_path)
    replace_in(
        folder / "delivery.py",
        '    "delivery.unknown_fields": ',
        '    "delivery.brand_new": "A new line.",\n    "delivery.unknown_field_names": ',
    )
    update(folder)
    assert po_entry(folder, "delivery.brand_new").string == ""
    renamed = po_entry(folder, "delivery.unknown_field_names")  # same English: the old key's Korean, to check
    assert renamed.fuzzy and renamed.string == CATALOGUE["delivery.unknown_fields"]["ko"]
    assert [line for line in problems(folder) if "fuzzy" not in line] == [
        "delivery.brand_new: untranslated: write its Korean in labkit.po",
        "delivery.unknown_fields: obsolete entry in labkit.po: `make messages PRUNE=1` drops it",
    ]
    update(folder, prune=True)
    assert not any("obsolete" in line for line in problems(folder))


BILINGUAL_MODULE = '''"""Messages a branch added in the bilingual shape."""

MESSAGES = {
    # A comment that stays.
    "newarea.hello": {"en": "Bucket {bucket} is ready.", "ko": "버킷 {bucket:이} 준비되었습니다."},
    "newarea.long": {
        "en": "A much longer English line that goes on and on, long enough that folding has to split it over "
              "several lines of the module, each piece aligned under the first.",
        "ko": "아주 긴 한국어 문장입니다.",
    },
}
'''


def test_a_bilingual_module_folds_its_korean_into_the_catalogue(tmp_path):
    folder = messages_copy(tmp_path)
    (folder / "newarea.py").write_text(BILINGUAL_MODULE, encoding="utf-8")
    assert problems(folder) == [
        "newarea.py still holds Korean: run `make messages` to fold it into labkit.po",
        "labkit.pot is not the English of the modules: run `make messages`",
        "newarea.hello: labkit.po has not seen its English (newarea.py): run `make messages`",
        "newarea.long: labkit.po has not seen its English (newarea.py): run `make messages`",
    ]
    assert shown_by(folder, "newarea.hello", "ko") == "버킷 {bucket:이} 준비되었습니다."  # works before folding too
    changes = update(folder)
    assert changes[0] == "folded newarea.py: its Korean moved to labkit.po"
    assert problems(folder) == []
    folded = (folder / "newarea.py").read_text(encoding="utf-8")
    assert "# A comment that stays." in folded and '"ko"' not in folded and '"""Messages a branch' in folded
    namespace: dict = {}
    exec(folded, namespace)
    assert namespace["MESSAGES"] == {
        "newarea.hello": "Bucket {bucket} is ready.",
        "newarea.long": "A much longer English line that goes on and on, long enough that folding has to split it "
        "over several lines of the module, each piece aligned under the first.",
    }
    assert max(len(line) for line in folded.splitlines()) <= 120
    assert po_entry(folder, "newarea.long").string == "아주 긴 한국어 문장입니다."
    assert shown_by(folder, "newarea.hello", "ko") == "버킷 {bucket:이} 준비되었습니다."
    assert update(folder) == []  # nothing left to do


def test_a_stale_mo_cannot_ship(tmp_path):
    folder = messages_copy(tmp_path)
    replace_in(catalogue_files(folder)[1], 'msgstr "흐름 로그 필드가 아닙니다:', 'msgstr "흐름 로그의 필드가 아닙니다:')
    assert problems(folder) == ["labkit.mo is not compiled from labkit.po: run `make messages`"]


# ---- nothing user-facing bypasses the catalogue -------------------------------------------------------

# Calls whose string arguments a student or instructor reads.
SHOWN_CALLS = {
    "print",
    "display",
    "warn",
    "HTML",
    "Markdown",
    "set_title",
    "suptitle",
    "set_xlabel",
    "set_ylabel",
    "xlabel",
    "ylabel",
    "title",
    "echo",
    "showwarning",
    "exit",
}
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
    return bool(
        HANGUL.search(stripped)
        or (PROSE.search(stripped) and re.search(r"[a-z]", stripped) and not SQL.match(stripped))
    )


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
        elif (
            isinstance(node, ast.Raise)
            and isinstance(node.exc, ast.Call)
            and _call_name(node.exc) not in aws_exceptions
        ):
            args, where = list(node.exc.args) + [k.value for k in node.exc.keywords], node
        else:
            continue
        span = lines[where.lineno - 1 : (where.end_lineno or where.lineno)]
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
        'print("Bucket created")': True,
        'raise ValueError(f"no bucket {name} here")': True,
        'warnings.warn("this is deprecated")': True,
        'display(HTML("<b>Flow logs ready</b>"))': True,
        'ax.set_title("Top attackers")': True,
        'print("버킷")': True,
        'print("x {} y".format(1))': False,
        'print(message("sandbox.ready", url=u))': False,
        'raise LabkitError("checks.unknown_step", step=s)': False,
        'print(f"AWS_ENDPOINT_URL={url}")': False,
        'print("SELECT count(*) FROM vpc_flow_logs")': False,
        'print("Bucket created")  # not-user-facing': False,
        "print(json.dumps(data))": False,
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
