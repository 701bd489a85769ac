"""Korean that reads as a Korean engineer writes it, in every message and every notebook.

The messages' Korean lives in labkit/messages/locale/ko/LC_MESSAGES/labkit.po; these tests read it as
labkit shows it (CATALOGUE, from the compiled .mo, which tests/test_messages.py keeps in step with the .po).

- Particles are chosen from the word before them (labkit/messages/korean.py), never both forms with one in brackets;
  after a run-time value the template marks the particle, `{bucket:은}`, and the catalogue picks it.
- A particle written after English, digits or code is the one that word takes, attached without a space.
- The course's glossary (labkit/messages/glossary.py): no variant of a term appears in Korean text.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import nbformat
import pytest

from labkit.messages import CATALOGUE, text
from labkit.messages.glossary import TERMS, forbidden_in
from labkit.messages.korean import MARKERS, attach, final_consonant, particle
from labkit.release.bilingual import FENCE, HANGUL, HEADING, blocks

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "solutions").glob("*.ipynb")) + sorted((ROOT / "notebooks").glob("*.ipynb"))

# ---- the particle helper ------------------------------------------------------------------------------

CASES = [
    # Hangul: the final consonant of the last syllable; ㄹ takes 로.
    ("흐름 로그", "은", "는"),
    ("보안 그룹", "는", "은"),
    ("버킷", "이", "이"),
    ("배스천 호스트", "이", "가"),
    ("서울", "으로", "로"),
    ("로그 그룹", "로", "으로"),
    ("역할", "을", "을"),
    ("정책", "와", "과"),
    ("파티션", "과", "과"),
    ("테이블", "으로", "로"),
    ("흙", "으로", "으로"),
    ("작업 그룹", "이에요", "이에요"),
    ("파티", "이에요", "예요"),
    ("서버", "이라는", "라는"),
    # English words as Korean borrows them.
    ("DemoS3FlowLog", "은", "는"),
    ("flowlogsrole", "을", "을"),
    ("VPCFlowLogs", "이", "가"),
    ("AssumeRole", "으로", "로"),
    ("stream", "은", "은"),
    ("bucket", "은", "은"),
    ("labkit", "이", "이"),
    ("subnet", "을", "을"),
    ("group", "과", "과"),
    ("loop", "은", "는"),
    ("region", "으로", "으로"),
    ("string", "이", "이"),
    ("column", "을", "을"),
    ("name", "은", "은"),
    ("zone", "이", "이"),
    ("metric", "을", "을"),
    ("traffic", "은", "은"),
    ("stack", "이", "이"),
    ("notebook", "을", "을"),
    ("check", "은", "는"),
    ("type", "은", "은"),
    ("lab", "이", "이"),
    ("hub", "이", "가"),
    ("timeout", "이", "이"),
    ("log", "을", "를"),
    ("logs", "은", "는"),
    ("record", "를", "를"),
    ("policy", "가", "가"),
    ("user", "은", "는"),
    ("flow", "와", "와"),
    ("path", "이", "가"),
    ("queue", "을", "를"),
    ("Athena", "로", "로"),
    ("pandas", "는", "는"),
    ("Telnet", "은", "은"),
    ("ping", "으로", "으로"),
    ("DataFrame", "으로", "으로"),
    ("Google", "을", "을"),
    ("boto3", "로", "로"),
    ("json", "이", "이"),
    ("CloudWatchLogsFullAccess", "를", "를"),
    # Capitals: three letters or fewer are spelled (only L, M, N, R end in a consonant), longer ones are words.
    ("VPC", "은", "는"),
    ("ACL", "은", "은"),
    ("ACL", "으로", "로"),
    ("IAM", "이", "이"),
    ("ARN", "을", "을"),
    ("ENI", "를", "를"),
    ("URL", "이", "이"),
    ("SQL", "로", "로"),
    ("ALL", "을", "을"),
    ("TCP", "과", "와"),
    ("CIDR", "은", "는"),
    ("TABLE", "을", "을"),
    ("LIMIT", "은", "은"),
    ("GROUP", "이", "이"),
    ("ACCEPT", "이", "가"),
    ("REJECT", "을", "를"),
    ("JSON", "은", "은"),
    ("PARQUET", "이", "가"),
    ("HTTPS", "로", "로"),
    ("STRING", "이", "이"),
    # Short lowercase words and names are spelled: ip 아이피, Id 아이디.
    ("ip", "은", "는"),
    ("NetworkInterfaceId", "이", "가"),
    ("SourceIp", "을", "를"),
    ("gz", "이", "가"),
    # Identifiers: hexadecimal after a digit is spelled; digits are read in Korean.
    ("eni-0abc", "은", "는"),
    ("eni-0a1b2c3d4e5f", "가", "가"),
    ("i-0123456789abcdef0", "을", "을"),
    ("vpc-0123", "는", "은"),
    ("acl-1", "으로", "로"),
    # Numbers: 영 일 이 삼 사 오 육 칠 팔 구, and places 십 백 천 만 억.
    ("0", "은", "은"),
    ("1", "이", "이"),
    ("2", "이", "가"),
    ("3", "을", "을"),
    ("4", "은", "는"),
    ("5", "와", "와"),
    ("6", "으로", "으로"),
    ("7", "으로", "로"),
    ("8", "은", "은"),
    ("9", "를", "를"),
    ("22", "은", "는"),
    ("10", "은", "은"),
    ("10", "으로", "으로"),
    ("100", "이", "이"),
    ("1000", "을", "을"),
    ("20000", "은", "은"),
    ("65535", "를", "를"),
    ("1,024", "이", "가"),
    ("1,000", "이", "이"),
    ("1.5", "은", "는"),
    ("2.0", "은", "은"),
    ("203.0.113.7", "을", "을"),
    ("10.0.0.0/16", "은", "은"),
    ("10.0.0.0/24", "은", "는"),
    ("203.0.113.45", "이", "가"),
    ("50%", "을", "를"),
    # Digits right after the letters of a name are said in English: 에스쓰리, 이씨투, 아이피브이포.
    ("S3", "과", "와"),
    ("S3", "으로", "로"),
    ("EC2", "을", "를"),
    ("IPv4", "는", "는"),
    ("Win10", "은", "은"),
    ("r7", "이", "이"),
    # Words listed as they are said.
    ("storage.location.template", "이", "이"),
    ("`labkit env up`", "을", "을"),
    ("ResourceType", "이", "이"),
    # What is not read: punctuation, quotes, code spans, a bracketed group after a word.
    ("`--minutes`", "은", "는"),
    ("'DemoFlowLog CloudWatch Logs'", "이", "가"),
    ("`lab.check(...)`", "으로", "로"),
    ("`trust`(서비스 보안 주체, 작업 `sts:AssumeRole`)", "을", "를"),
    ("labkit.start(lab, confirm_aws=True)", "로", "로"),
    ("`-`", "은", "는"),
    ("`-`는 `_`", "으로", "로"),
    ("`*`", "을", "를"),
    ("`.`", "으로", "으로"),
    ("s3://bucket/AWSLogs/", "은", "는"),
    ("(없음)", "이", "이"),
    ("", "은", "는"),
    ("?!", "을", "를"),
]


@pytest.mark.parametrize("word, marker, expected", CASES, ids=[f"{w}+{m}" for w, m, _ in CASES])
def test_particle_is_chosen_from_the_word(word, marker, expected):
    assert particle(word, marker) == expected
    assert attach(word, marker) == word + expected


def test_final_consonants():
    assert [final_consonant(w) for w in ("닭", "값", "삶", "10", "100", "1000", "10000", "100000000", "S3", "7")] == [
        "ㄺ",
        "ㅄ",
        "ㄻ",
        "ㅂ",
        "ㄱ",
        "ㄴ",
        "ㄴ",
        "ㄱ",
        "",
        "ㄹ",
    ]
    assert final_consonant("...") is None


def test_the_catalogue_chooses_particles_from_the_value():
    assert text("checks.why.no_bucket", "ko", bucket="labkit-flow-logs") == "버킷 labkit-flow-logs가 없습니다."
    assert text("checks.why.no_bucket", "ko", bucket="my-bucket") == "버킷 my-bucket이 없습니다."
    assert text("checks.why.no_role", "ko", role="flowlogsrole") == "IAM 역할 flowlogsrole이 없습니다."
    # A bilingual field gives its Korean text, and the particle follows that text.
    assert (
        text("checks.why.no_role", "ko", role={"en": "a role", "ko": "데모 역할"}) == "IAM 역할 데모 역할이 없습니다."
    )
    assert (
        text("checks.why.no_role", "en", role={"en": "a role", "ko": "데모 역할"}) == "IAM role a role does not exist."
    )


# ---- what a Korean text must not contain ----------------------------------------------------------------

BRACKETED = re.compile(
    r"(은\(는\)|는\(은\)|이\(가\)|가\(이\)|을\(를\)|를\(을\)|와\(과\)|과\(와\)|\(으\)로|"
    r"\(이\)[가-힣]|\(은\)는|\(을\)를|\(과\)와|\(이\)가)"
)
# Where a run-time value goes once a template's fields are set aside: with no particle marker, and with one.
FIELD, MARKED = "\ufffc", "\ue000"
PARTICLE = r"(으로|은|는|이|가|을|를|과|와|로)(?![가-힣])"
AFTER_WORD = re.compile(r"(?<=[A-Za-z0-9%`'\")\]])" + PARTICLE)
AFTER_FIELD = re.compile(FIELD + r"[/'\"`\]]*" + PARTICLE)  # also after "{field}/", "'{field}'"
# A particle after a space; 이 after a bracket is rather the demonstrative ("(...) 이 답을").
SPACED = re.compile(
    r"((?<=[A-Za-z0-9`)\]'\""
    + FIELD
    + r"]) (으로|은|는|가|을|를|과|와|로|의|에|에서|에는|에게|이나|나|처럼|보다|까지|부터)"
    r"|(?<=[A-Za-z0-9`'\"" + FIELD + r"]) 이)(?=[\s.,)!?:;]|$)"
)
CODE_SPAN = re.compile(r"`[^`\n]*`")


def korean_problems(korean: str) -> list[str]:
    """What reads wrong in a Korean text (a message with its fields set aside as FIELD, or a paragraph)."""
    problems = [f"bracketed particle {m.group()!r}" for m in BRACKETED.finditer(korean)]
    problems += [
        f"particle {m.group(1)!r} fixed after a run-time value: write it as {{field:{m.group(1)}}}"
        for m in AFTER_FIELD.finditer(korean)
    ]
    problems += [
        f"space before the particle in {korean[max(0, m.start() - 15) : m.end()]!r}" for m in SPACED.finditer(korean)
    ]
    code = [span.span() for span in CODE_SPAN.finditer(korean)]
    for m in AFTER_WORD.finditer(korean):
        if any(start < m.start() < end for start, end in code):
            continue
        if korean[m.start() - 1] in "'\"" and (m.start() < 2 or korean[m.start() - 2] in " ("):
            continue  # an opening quote: ("이 연결은 …")
        expected = particle(korean[: m.start()], m.group(1))
        if expected != m.group(1):
            problems.append(f"{korean[max(0, m.start() - 20) : m.end()]!r}: {expected!r}, not {m.group(1)!r}")
    prose = CODE_SPAN.sub(" ", korean)
    problems += [f"{variant!r} is not the course's word: {term}" for variant, term in forbidden_in(prose)]
    return problems


def template_text(template: str) -> str:
    """The template's literal text with each field replaced by FIELD, or MARKED when its particle is marked."""
    return "".join(
        literal + ("" if field is None else MARKED if spec in MARKERS else FIELD)
        for literal, field, spec, _ in string.Formatter().parse(template)
    )


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_korean_message_reads_naturally(key):
    problems = korean_problems(template_text(CATALOGUE[key]["ko"]))
    markers = [
        spec
        for _, field, spec, _ in string.Formatter().parse(CATALOGUE[key]["en"])
        if field is not None and spec in MARKERS
    ]
    problems += [f"Korean particle marker {m!r} in the English text" for m in markers]
    assert problems == [], f"{key}: " + "; ".join(problems)


def korean_paragraphs(markdown: str) -> list[str]:
    """The Korean of a markdown cell: its Korean blocks, and the Korean half of each bilingual heading."""
    found = []
    for block in blocks(markdown):
        if FENCE.match(block) or not HANGUL.search(CODE_SPAN.sub(" ", block)):
            continue
        found.append(block.rsplit(" · ", 1)[-1] if HEADING.match(block) else block)
    return found


def notebook_paragraphs():
    for path in NOTEBOOKS:
        notebook = nbformat.read(path, as_version=4)
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type == "markdown":
                for paragraph in korean_paragraphs(cell.source):
                    yield f"{path.parent.name}/{path.name} cell {index}", paragraph


def test_there_are_korean_paragraphs():
    assert len(list(notebook_paragraphs())) > 100


def test_notebook_korean_reads_naturally():
    problems = [
        f"{where}: {problem}" for where, paragraph in notebook_paragraphs() for problem in korean_problems(paragraph)
    ]
    assert problems == [], "\n".join(problems)


BAD = {
    "버킷 {bucket}은(는) 없습니다.": "bracketed",
    "{path}(으)로 보냅니다.": "bracketed",
    "흐름 로그 {name}가 없습니다.": "fixed after a run-time value",
    "{count} 은 정수가 아닙니다.": "space before",
    "{source}/를 고치세요.": "fixed after a run-time value",
    "`--minutes` 는 정수여야 합니다.": "space before",
    "labkit 은 샌드박스를 씁니다.": "space before",
    "1764190800 처럼 씁니다.": "space before",
    "DemoS3FlowLog은 S3로 보냅니다.": "'는', not '은'",
    "역할 flowlogsrole를 만듭니다.": "'을', not '를'",
    "S3과 CloudWatch Logs": "'와', not '과'",
    "`trust`(작업 `sts:AssumeRole`)을 작성하세요.": "'를', not '을'",
    "플로우 로그를 만듭니다.": "not the course's word: 흐름 로그",
    "메트릭 필터와 알람": "not the course's word: 지표",
    "거절당한 스캔": "not the course's word: 허용된 / 거부된",
    "파일을 S3로 전달합니다.": "not the course's word: 로그 전송",
    "검사를 다시 실행하세요.": "not the course's word: 확인",
    "점검이 끝납니다.": "not the course's word: 확인",
    "서비스 주체": "not the course's word: (서비스) 보안 주체",
    "Flow Log Analyst Badge를 받습니다.": "흐름 로그 분석가 배지",
}
GOOD = [
    "버킷 {bucket:은} 없습니다.",
    "{answer:은} 이 계정의 것이 아닙니다.",
    "손상되어({part}) 이 답을 채점할 수 없습니다.",
    "DemoS3FlowLog는 S3로 보냅니다.",
    "`--minutes`는 1부터 60 사이의 정수여야 합니다.",
    "S3와 CloudWatch Logs로 전송합니다.",
    "서비스 보안 주체 `vpc-flow-logs.amazonaws.com`에",
    "10.0.0.0/16은",
    "`전달`은 코드 안에서는 괜찮습니다.",
    "흐름 로그 분석가 배지를 받습니다.",
    "{count}개를 확인했습니다.",
]


@pytest.mark.parametrize("korean", BAD)
def test_the_checks_catch_what_they_should(korean):
    problems = korean_problems(template_text(korean))
    assert any(BAD[korean] in problem for problem in problems), problems


@pytest.mark.parametrize("korean", GOOD)
def test_the_checks_accept_natural_korean(korean):
    assert korean_problems(template_text(korean)) == []


def test_the_glossary_has_one_korean_term_per_idea():
    terms = [term for _, term, _ in TERMS]
    assert len(terms) == len(set(terms))
    for _, term, variants in TERMS:
        assert not forbidden_in(term), f"{term} is forbidden by another entry"
