"""Progress: the XP ledger, the progress summary and the badges."""

MESSAGES = {
    "progress.ledger_corrupt": {
        "en": "Skipped line {line} of the XP ledger {path}: it is torn or not valid JSON (earlier XP is kept).",
        "ko": "XP 기록 파일 {path}의 {line}번째 줄을 건너뜁니다. 잘렸거나 올바른 JSON이 아닙니다(이전 XP는 유지됩니다).",
    },
    "progress.ledger_untrusted": {
        "en": "Ignored line {line} of the XP ledger (step {step}): it was not written by a passing check.",
        "ko": "XP 기록 파일의 {line}번째 줄(단계 {step})을 무시합니다. 통과한 검사가 쓴 줄이 아닙니다.",
    },
    "progress.ledger_write_failed": {
        "en": "Could not write the whole award to {path}; check the free disk space and run the check again.",
        "ko": "{path}에 보상 기록을 끝까지 쓰지 못했습니다. 디스크 여유 공간을 확인하고 검사를 다시 실행하세요.",
    },
    "progress.total": {
        "en": "XP: {xp} / {total}",
        "ko": "경험치(XP): {xp} / {total}",
    },
    "progress.lab_line": {
        "en": "Lab {lab} · {title}: {done}/{steps} steps, {xp}/{lab_xp} XP",
        "ko": "실습 {lab} · {title}: {done}/{steps}단계, {xp}/{lab_xp} XP",
    },
    "progress.steps_left": {
        "en": "Steps left: {steps}",
        "ko": "남은 단계: {steps}",
    },
    "progress.all_done": {
        "en": "Every step is done.",
        "ko": "모든 단계를 마쳤습니다.",
    },
    "progress.badges": {
        "en": "Badges: {badges}",
        "ko": "배지: {badges}",
    },
    "progress.no_badges": {
        "en": "No badge yet: finish every step of a lab to earn its badge.",
        "ko": "아직 배지가 없습니다. 실습의 모든 단계를 마치면 그 실습의 배지를 받습니다.",
    },
    "progress.badge.course_name": {
        "en": "Flow Log Analyst Badge",
        "ko": "흐름 로그 분석가 배지",
    },
    "progress.badge.course_detail": {
        "en": "VPC Flow Logs and Athena · {xp} XP",
        "ko": "VPC 흐름 로그와 Athena · {xp} XP",
    },
    "progress.badge.lab_name": {
        "en": "Lab {lab} complete",
        "ko": "실습 {lab} 완료",
    },
    "progress.badge.lab_detail": {
        "en": "{title} · {xp} XP earned",
        "ko": "{title} · {xp} XP 획득",
    },
    "progress.badge_not_earned": {
        "en": "The badge {badge} is not earned yet: {xp} of {needed} XP so far.",
        "ko": "배지 {badge}은(는) 아직 받지 못했습니다. 지금까지 {needed} XP 중 {xp} XP입니다.",
    },
    "progress.unknown_badge": {
        "en": "There is no badge {badge}. Badges: {badges}",
        "ko": "{badge} 배지는 없습니다. 배지 목록: {badges}",
    },
    "progress.badge_exported": {
        "en": "Badge saved to {path}",
        "ko": "배지를 {path}에 저장했습니다",
    },
}
