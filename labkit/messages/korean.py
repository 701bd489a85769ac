"""Korean particles chosen from the word before them, as a Korean reader says that word.

Korean writes 은/는, 이/가, 을/를, 과/와, 으로/로 after a word by its sound: the first form after a final
consonant (받침), the second after a vowel, and 으로 becomes 로 after ㄹ too. A message never writes
both forms with one in brackets; it marks the particle in the template, `{bucket:은}`, and `attach` picks it when the
value is known:

    >>> attach("DemoS3FlowLog", "은"), attach("flowlogsrole", "을"), attach("22", "이")
    ('DemoS3FlowLog는', 'flowlogsrole을', '22가')
    >>> attach("VPC", "은"), attach("ACL", "으로"), attach("eni-0abc", "와"), attach("10", "으로"), attach("S3", "과")
    ('VPC는', 'ACL로', 'eni-0abc와', '10으로', 'S3와')

How the last word is read (`final_consonant`):

- Trailing spaces, punctuation, quotes, backticks and brackets are not read; a closing round bracket
  hides its whole group, as in Korean writing: the particle of `trust(...)` follows "trust".
- A Hangul syllable: its final consonant (jongseong).
- Digits read as Sino-Korean numbers: 영 일 이 삼 사 오 육 칠 팔 구 for the last digit (a final
  consonant for 0, 1, 3, 6, 7, 8; none for 2, 4, 5, 9); trailing zeros read as the place they make:
  10 십 (ㅂ), 100 백 (ㄱ), 1000 천 (ㄴ), 10^4 to 10^7 만 (ㄴ), 10^8 억 (ㄱ), 10^12 조 (none), 10^16 경 (ㅇ).
  Thousands separators are ignored; the digits after a decimal point are read one by one.
  One or two digits right after the letters of a name are read in English, as Korean engineers say
  S3 (에스쓰리), EC2, boto3, IPv4: one 원, seven 세븐, nine 나인, ten 텐, eleven, -teen 틴 end in ㄴ,
  the others (zero, two, three, ..., twelve, -ty) in a vowel.
- Symbols: `%` reads 퍼센트 (no final consonant), and a code span holding one symbol reads its name:
  `_` 밑줄, `-` 대시, `*` 별표, `/` 슬래시, `.` 점, `:` 콜론.
- Latin letters: the last word of a camelCase or snake_case name is read
  - letter by letter when it is in capitals and at most three letters long (VPC, ACL, ENI), has at
    most two letters (ip, Id), has no vowel (gz, src, HTTPS), or is hexadecimal right after a digit
    (the 0abc of eni-0abc). Korean names the letters 에이 비 씨 디 이 에프 지 에이치 아이 제이 케이
    엘 엠 엔 오 피 큐 알 에스 티 유 브이 더블유 엑스 와이 제트: only L, M, N, R end in a consonant.
  - otherwise as the English word is borrowed into Korean (longer capitals too: TABLE, LIMIT, GROUP):
    -ng ㅇ (string); -m, -me, -mn ㅁ (stream, name, column); -n, -ne ㄴ (region, zone); -l, -le ㄹ
    (pool, role, table); -ck and -ook ㄱ (stack, notebook; but check 체크); a short vowel before c ㄱ
    (metric, traffic); a short vowel before t ㅅ (bucket, subnet; and -out: timeout), before p ㅂ
    (group, step; but loop 루프) or before b ㅂ (lab, web; but hub 허브); every other ending has no
    final consonant (log 로그, logs, record, policy, user, flow, path, queue, PARQUET). A few words are
    listed as they are said: type 타입, template 템플릿, up 업.
- Anything else (no letter, digit or syllable at all) counts as a vowel ending.
"""

from __future__ import annotations

import re

# Final consonants in Unicode order of the jongseong index of a precomposed syllable.
_JONGSEONG = [
    "",
    "ㄱ",
    "ㄲ",
    "ㄳ",
    "ㄴ",
    "ㄵ",
    "ㄶ",
    "ㄷ",
    "ㄹ",
    "ㄺ",
    "ㄻ",
    "ㄼ",
    "ㄽ",
    "ㄾ",
    "ㄿ",
    "ㅀ",
    "ㅁ",
    "ㅂ",
    "ㅄ",
    "ㅅ",
    "ㅆ",
    "ㅇ",
    "ㅈ",
    "ㅊ",
    "ㅋ",
    "ㅌ",
    "ㅍ",
    "ㅎ",
]
_DIGIT = {"0": "ㅇ", "1": "ㄹ", "2": "", "3": "ㅁ", "4": "", "5": "", "6": "ㄱ", "7": "ㄹ", "8": "ㄹ", "9": ""}
# (trailing zeros at least, final consonant of the place name): 십 백 천 만 억 조 경.
_PLACES = [(16, "ㅇ"), (12, ""), (8, "ㄱ"), (4, "ㄴ"), (3, "ㄴ"), (2, "ㄱ"), (1, "ㅂ")]
_ENGLISH_DIGIT = {"1": "ㄴ", "7": "ㄴ", "9": "ㄴ"}  # one, seven, nine; zero, two, three, ... end in a vowel
_LETTER = {"l": "ㄹ", "m": "ㅁ", "n": "ㄴ", "r": "ㄹ"}
# Borrowed words whose Korean form the ending rules get wrong.
_WORDS = {"check": "", "bit": "", "hub": "", "type": "ㅂ", "template": "ㅅ", "up": "ㅂ"}

# Each particle as (after a final consonant, after a vowel); the 으로 family also takes its vowel form after ㄹ.
PAIRS = [
    ("은", "는"),
    ("이", "가"),
    ("을", "를"),
    ("과", "와"),
    ("이에요", "예요"),
    ("이다", "다"),
    ("이라는", "라는"),
    ("이라고", "라고"),
    ("이라서", "라서"),
    ("이나", "나"),
    ("이고", "고"),
    ("이며", "며"),
    ("이면", "면"),
    ("이든", "든"),
    ("으로", "로"),
    ("으로서", "로서"),
    ("으로써", "로써"),
    ("으로는", "로는"),
    ("으로도", "로도"),
    ("으로부터", "로부터"),
]
MARKERS = {form: pair for pair in PAIRS for form in pair}

_OPENING = {")": "("}
# The final consonant of a symbol's Korean name (밑줄, 대시, 별표, 슬래시, 점, 쉼표, 콜론, 세미콜론, 샵, 앳, ...).
_SYMBOLS = {
    "_": "ㄹ",
    "-": "",
    "*": "",
    "/": "",
    ".": "ㅁ",
    ",": "",
    ":": "ㄴ",
    ";": "ㄴ",
    "#": "ㅂ",
    "@": "ㅅ",
    "=": "",
    "+": "",
    "|": "",
    "~": "ㄹ",
    "$": "",
    "%": "",
    "&": "",
    "?": "",
    "!": "",
}
_NUMBER = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)$")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+")


def final_consonant(text: str) -> str | None:
    """The final consonant of the last word of `text` as Korean reads it: a jamo such as 'ㄹ', '' for a
    vowel ending, None when nothing in `text` is read (see the module's rules).

    >>> [final_consonant(w) for w in ("흐름", "로그", "22", "10", "VPC", "ACL", "Role", "`bucket`", "", "?")]
    ['ㅁ', '', '', 'ㅂ', '', 'ㄹ', 'ㄹ', 'ㅅ', None, None]
    """
    end = len(text)
    while end > 0:
        char = text[end - 1]
        if char in _OPENING:
            start = text.rfind(_OPENING[char], 0, end - 1)
            if start >= 0:
                before = final_consonant(text[:start])
                return before if before is not None else final_consonant(text[start + 1 : end - 1])
        elif "가" <= char <= "힣":
            return _JONGSEONG[(ord(char) - ord("가")) % 28]
        elif char.isascii() and char.isalnum():
            return _read_digits(text[:end]) if char.isdigit() else _read_letters(text[:end])
        elif char == "%":
            return ""
        elif char == "`" and end >= 3 and text[end - 3] == "`" and text[end - 2] in _SYMBOLS:
            return _SYMBOLS[text[end - 2]]
        end -= 1
    return None


def _read_digits(text: str) -> str:
    written = _NUMBER.search(text)
    number, before = written.group().replace(",", ""), text[: written.start()]
    if len(number) <= 2 and re.search(r"(?<![A-Za-z0-9])[A-Za-z]+$", before):  # S3, EC2, boto3, Win10
        if len(number) == 2 and number[0] == "1":
            return "" if number == "12" else "ㄴ"  # ten, eleven, -teen; twelve
        return "" if number[-1] == "0" and len(number) == 2 else _ENGLISH_DIGIT.get(number[-1], "")
    if re.search(r"(?<![\d.])\d+\.$", before):  # the decimals of 1.25 are read digit by digit
        return _DIGIT[number[-1]]
    significant = number.lstrip("0")
    if not significant:
        return _DIGIT["0"]
    zeros = len(significant) - len(significant.rstrip("0"))
    if zeros == 0:
        return _DIGIT[significant[-1]]
    return next(final for least, final in _PLACES if zeros >= least)


def _read_letters(text: str) -> str:
    run = re.search(r"[A-Za-z]+$", text)
    word = _CAMEL.findall(run.group())[-1]
    after_digit = run.start() > 0 and text[run.start() - 1].isdigit()
    lower = word.lower()
    if lower in _WORDS:
        return _WORDS[lower]
    if (
        (word.isupper() and len(word) <= 3)
        or len(word) <= 2
        or not re.search(r"[aeiouy]", lower)
        or (after_digit and re.fullmatch(r"[a-f]+", run.group()))
    ):
        return _LETTER.get(lower[-1], "")
    return _read_english(lower)


def _read_english(word: str) -> str:
    """The final consonant of an English word as Korean borrows it (rules in the module docstring)."""
    short_vowel = r"(?:^|[^aeiou])[aeiou]"
    rules = [
        (r"ng$", "ㅇ"),
        (r"(m|me|mn|mb)$", "ㅁ"),
        (r"(n|ne)$", "ㄴ"),
        (r"(l|le)$", "ㄹ"),
        (r"(ck|ook)$", "ㄱ"),
        (short_vowel + r"c$", "ㄱ"),
        (r"(out|" + short_vowel + r"t)$", "ㅅ"),
        (r"oop$", ""),
        (r"([aeiou]p|pp)$", "ㅂ"),
        (short_vowel + r"b$", "ㅂ"),
    ]
    return next((final for pattern, final in rules if re.search(pattern, word)), "")


def particle(text: str, marker: str) -> str:
    """The form of particle `marker` (either form: '은' or '는', '으로' or '로', ...) that follows `text`.

    >>> particle("보안 그룹", "는"), particle("서울", "으로"), particle("VPCFlowLogs", "이")
    ('은', '로', '가')
    """
    consonant_form, vowel_form = MARKERS[marker]
    final = final_consonant(text)
    if not final or (final == "ㄹ" and consonant_form.startswith("으로")):
        return vowel_form
    return consonant_form


def attach(text: str, marker: str) -> str:
    """`text` followed by the right form of particle `marker`.

    >>> attach("203.0.113.7", "을"), attach("labkit", "은"), attach("1.5%", "이")
    ('203.0.113.7을', 'labkit은', '1.5%가')
    """
    return text + particle(text, marker)
