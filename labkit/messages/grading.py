MESSAGES = {
    "grading.not_isolated": {
        "en": "Note: the students' kernels ran as your own user, so their code could read your files (the issuer "
              "key among them). Grade as root (in a container, or with sudo) with labkit's Python in a folder "
              "every user may enter: each submission's kernels then run as a user of their own.",
        "ko": "참고: 학생 커널이 채점자 본인의 사용자로 실행되어, 학생 코드가 채점자의 파일(발급자 키 포함)을 읽을 수 "
              "있었습니다. 모든 사용자가 들어갈 수 있는 폴더에 labkit의 Python을 두고 root로(컨테이너 안에서 또는 "
              "sudo로) 채점하세요. 그러면 제출물마다 커널이 각자의 사용자로 실행됩니다.",
    },
    "grading.not_a_submission": {
        "en": "{path} is not a submission: give a folder of notebooks, a .zip of one, or an nbgrader submitted/ folder.",
        "ko": "{path:은} 제출물이 아닙니다. 노트북 폴더, 그 폴더의 .zip, 또는 nbgrader submitted/ 폴더를 지정하세요.",
    },
    "grading.same_student_twice": {
        "en": "These student ids appear in more than one submission: {students}. Rename one of each.",
        "ko": "다음 학생 ID가 여러 제출물에 있습니다: {students}. 하나씩 이름을 바꾸세요.",
    },
    "grading.duplicate_notebook": {
        "en": "{name} was not graded: another notebook of {lab} was.",
        "ko": "{name:은} 채점하지 않았습니다. {lab}의 다른 노트북을 채점했습니다.",
    },
    "grading.notebook_too_big": {
        "en": "{name} is larger than {mb} MB and was not graded.",
        "ko": "{name:은} {mb} MB보다 커서 채점하지 않았습니다.",
    },
    "grading.bad_zip": {
        "en": "{name} could not be read as a zip file ({error}).",
        "ko": "{name:을} zip 파일로 읽을 수 없습니다 ({error}).",
    },
    "grading.no_course_notebooks": {
        "en": "No notebook of this course was found (names like 01-flow-logs.ipynb).",
        "ko": "이 과정의 노트북을 찾지 못했습니다 (01-flow-logs.ipynb 같은 이름).",
    },
    "grading.unreadable_notebook": {
        "en": "The notebook of {lab} could not be read as a notebook ({error}).",
        "ko": "{lab}의 노트북을 노트북으로 읽을 수 없습니다 ({error}).",
    },
    "grading.empty_notebook": {
        "en": "The notebook of {lab} has no code cells.",
        "ko": "{lab}의 노트북에 코드 셀이 없습니다.",
    },
    "grading.cell_timeout": {
        "en": "A cell of {lab} ran past the time limit; the notebook was stopped there.",
        "ko": "{lab}의 셀 하나가 제한 시간을 넘겨 노트북 실행을 그 자리에서 멈췄습니다.",
    },
    "grading.kernel_died": {
        "en": "The kernel running {lab} stopped during the run.",
        "ko": "{lab:을} 실행하던 커널이 실행 중에 멈췄습니다.",
    },
    "grading.execution_failed": {
        "en": "{lab} could not be run ({error}).",
        "ko": "{lab:을} 실행할 수 없었습니다 ({error}).",
    },
    "grading.submission_timeout": {
        "en": "The whole submission ran past {minutes} minutes and was stopped; steps verified before count.",
        "ko": "제출물 전체가 {minutes}분을 넘겨 중단되었습니다. 그 전에 확인된 단계는 인정됩니다.",
    },
    "grading.worker_failed": {
        "en": "Grading this submission failed (exit status {code}); steps verified before count.",
        "ko": "이 제출물의 채점이 실패했습니다 (종료 코드 {code}). 그 전에 확인된 단계는 인정됩니다.",
    },
    "grading.no_answer": {
        "en": "No answer was submitted with lab.check(...).",
        "ko": "lab.check(...)로 제출한 답이 없습니다.",
    },
    "grading.no_right_answer": {
        "en": "None of the answers submitted was right.",
        "ko": "제출한 답 가운데 맞는 답이 없습니다.",
    },
    "grading.lab_not_run": {
        "en": "The notebook of {lab} was not submitted or did not run: its steps earn nothing.",
        "ko": "{lab}의 노트북이 제출되지 않았거나 실행되지 않아 이 실습의 단계는 점수가 없습니다.",
    },
    "grading.lab_made_no_calls": {
        "en": "The notebook of {lab} ran but never called AWS: its steps earn nothing.",
        "ko": "{lab}의 노트북은 실행되었지만 AWS를 한 번도 호출하지 않아 이 실습의 단계는 점수가 없습니다.",
    },
    "grading.sandbox_lost": {
        "en": "The grader's sandbox stopped answering during this submission ({error}).",
        "ko": "이 제출물을 채점하는 동안 채점기의 샌드박스가 응답을 멈췄습니다 ({error}).",
    },
    "grading.feedback_title": {
        "en": "{student}: {xp} of {total} XP",
        "ko": "{student}: {total} XP 중 {xp} XP",
    },
    "grading.badge_earned": {
        "en": "Every step verified: Flow Log Analyst Badge.",
        "ko": "모든 단계 확인 완료: 흐름 로그 분석가 배지.",
    },
    "grading.step": {"en": "Step", "ko": "단계"},
    "grading.next": {"en": "What to do next", "ko": "다음에 할 일"},
    "grading.summary_title": {"en": "Class summary", "ko": "수업 요약"},
    "grading.summary_counts": {
        "en": "{students} submissions, {badges} badges, {problems} not fully graded.",
        "ko": "제출물 {students}개, 배지 {badges}개, 완전히 채점되지 못한 제출물 {problems}개.",
    },
    "grading.plot.xp": {"en": "XP per student", "ko": "학생별 XP"},
    "grading.plot.missed": {"en": "Steps most students missed", "ko": "많은 학생이 놓친 단계"},
    "grading.plot.attempts": {"en": "Answer attempts per step", "ko": "단계별 답 제출 횟수"},
    "grading.done": {
        "en": "Graded {count} submissions into {out}: {gradebook}, feedback/, {summary}.",
        "ko": "제출물 {count}개를 {out}에 채점했습니다: {gradebook}, feedback/, {summary}.",
    },
}
