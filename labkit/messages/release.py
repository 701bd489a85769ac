MESSAGES = {
    # What the student copy shows in place of a solution (nbgrader's words, then Korean).
    "release.code_stub": {"en": "YOUR CODE HERE", "ko": "여기에 코드를 작성하세요"},
    "release.answer_stub": {"en": "YOUR ANSWER HERE", "ko": "여기에 답을 쓰세요"},
    # `labkit release` for instructors and notebook authors.
    "release.written": {
        "en": "Released {count} notebook(s) from {source}/ to {dest}/ ({changed} changed).",
        "ko": "{source} 폴더의 노트북 {count}개를 {dest} 폴더로 배포했습니다 (변경 {changed}개).",
    },
    "release.fresh": {
        "en": "The student notebooks in {dest}/ are up to date with {source}/ ({count}).",
        "ko": "{dest} 폴더의 학생용 노트북이 {source} 폴더와 일치합니다 ({count}개).",
    },
    "release.stale": {
        "en": "Stale student notebooks (edit {source}/, then run `labkit release`; delete copies "
              "whose solution is gone):",
        "ko": "학생용 노트북이 최신이 아닙니다 ({source} 폴더를 고친 뒤 `labkit release`를 실행하고, "
              "해답이 없어진 사본은 지우세요):",
    },
    "release.stale_item": {"en": "  {path}", "ko": "  {path}"},
    "release.no_source": {
        "en": "No notebooks found in {source}/. Run this from the course folder or pass --source.",
        "ko": "{source}/에 노트북이 없습니다. 과정 폴더에서 실행하거나 --source를 지정하세요.",
    },
    "release.unreadable": {
        "en": "{path} is not a readable notebook ({reason}). Fix or restore it; nothing was written.",
        "ko": "{path:는} 읽을 수 있는 노트북이 아닙니다({reason}). 고치거나 되돌리세요. 아무것도 쓰지 않았습니다.",
    },
    "release.unbalanced": {
        "en": "{path}, cell {cell}, line {line}: '### BEGIN {region}' and '### END {region}' do not "
              "pair up (or are nested). Close each region once; nothing was written.",
        "ko": "{path}, 셀 {cell}, {line}번째 줄: '### BEGIN {region}' 줄과 '### END {region}' 줄의 짝이 맞지 "
              "않습니다(또는 중첩되어 있습니다). 영역마다 한 번씩 닫으세요. 아무것도 쓰지 않았습니다.",
    },
    "release.edited": {
        "en": "Not overwritten, someone edited these since they were released (their work is kept): "
              "{paths}. Move them aside, or pass --force to replace them.",
        "ko": "배포 후 수정된 노트북이라 덮어쓰지 않았습니다(작업 내용은 그대로 있습니다): {paths}. "
              "다른 곳으로 옮기거나 --force로 바꾸세요.",
    },
    "release.executed": {
        "en": "Executed {path} in {seconds:.1f} s",
        "ko": "{path} 실행 완료 ({seconds:.1f}초)",
    },
    "release.execution_failed": {
        "en": "{path} failed while executing (cell {cell}): {error}. Its file was left unchanged.",
        "ko": "{path} 실행 중 오류가 났습니다(셀 {cell}): {error}. 파일은 바꾸지 않았습니다.",
    },
    # The bilingual convention of notebook markdown (checked by `labkit release --check` and tests).
    "release.bilingual.first_cell": {
        "en": "{where}: the first cell must be a markdown title with English and Korean "
              "(e.g. '# Welcome · 환영합니다').",
        "ko": "{where}: 첫 셀은 영어와 한국어가 함께 있는 마크다운 제목이어야 합니다"
              "(예: '# Welcome · 환영합니다').",
    },
    "release.bilingual.heading": {
        "en": "{where}: a heading must hold both languages on its line: {excerpt}",
        "ko": "{where}: 제목 줄에는 두 언어가 함께 있어야 합니다: {excerpt}",
    },
    "release.bilingual.english_alone": {
        "en": "{where}: English paragraph without its Korean paragraph right after it: {excerpt}",
        "ko": "{where}: 영어 문단 바로 뒤에 한국어 문단이 없습니다: {excerpt}",
    },
    "release.bilingual.korean_alone": {
        "en": "{where}: Korean paragraph without the English paragraph it translates before it: {excerpt}",
        "ko": "{where}: 한국어 문단 앞에 짝이 되는 영어 문단이 없습니다: {excerpt}",
    },
    "release.bilingual.empty": {
        "en": "{where}: markdown cell without English and Korean text.",
        "ko": "{where}: 영어와 한국어 글이 없는 마크다운 셀입니다.",
    },
}
