MESSAGES = {
    # What the student copy shows in place of a solution (nbgrader's words, then Korean).
    "release.code_stub": "YOUR CODE HERE",
    "release.answer_stub": "YOUR ANSWER HERE",
    # `labkit release` for instructors and notebook authors.
    "release.written": "Released {count} notebook(s) from {source}/ to {dest}/ ({changed} changed).",
    "release.fresh": "The student notebooks in {dest}/ are up to date with {source}/ ({count}).",
    "release.stale": "Stale student notebooks (edit {source}/, then run `labkit release`; delete copies whose "
    "solution is gone):",
    "release.stale_item": "  {path}",
    "release.no_source": "No notebooks found in {source}/. Run this from the course folder or pass --source.",
    "release.unreadable": "{path} is not a readable notebook ({reason}). Fix or restore it; nothing was written.",
    "release.unbalanced": "{path}, cell {cell}, line {line}: '### BEGIN {region}' and '### END {region}' do not pair "
    "up (or are nested). Close each region once; nothing was written.",
    "release.edited": "Not overwritten, someone edited these since they were released (their work is kept): {paths}. "
    "Move them aside, or pass --force to replace them.",
    "release.executed": "Executed {path} in {seconds:.1f} s",
    "release.execution_failed": "{path} failed while executing (cell {cell}): {error}. Its file was left unchanged.",
    # The bilingual convention of notebook markdown (checked by `labkit release --check` and tests).
    "release.bilingual.first_cell": "{where}: the first cell must be a markdown title with English and Korean (e.g. "
    "'# Welcome · 환영합니다').",
    "release.bilingual.heading": "{where}: a heading must hold both languages on its line: {excerpt}",
    "release.bilingual.english_alone": "{where}: English paragraph without its Korean paragraph right after it: "
    "{excerpt}",
    "release.bilingual.korean_alone": "{where}: Korean paragraph without the English paragraph it translates before "
    "it: {excerpt}",
    "release.bilingual.empty": "{where}: markdown cell without English and Korean text.",
}
