"""Progress: the XP ledger, the progress summary and the badges."""

MESSAGES = {
    "progress.ledger_corrupt": {
        "en": "Skipped line {line} of the XP ledger {path}: it is torn or not valid JSON (earlier XP is kept).",
        "ko": "XP 기록 파일 {path}의 {line}번째 줄을 건너뜁니다. 잘렸거나 올바른 JSON이 아닙니다(이전 XP는 유지됩니다).",
    },
    "progress.ledger_untrusted": {
        "en": "Ignored line {line} of the XP ledger (step {step}): it was not written by a passing check.",
        "ko": "XP 기록 파일의 {line}번째 줄(단계 {step})을 무시합니다. 확인을 통과해 기록된 줄이 아닙니다.",
    },
    "progress.ledger_write_failed": {
        "en": "Could not write the whole award to {path}; check the free disk space and run the check again.",
        "ko": "{path}에 보상 기록을 끝까지 쓰지 못했습니다. 디스크 여유 공간을 확인한 뒤 이 단계를 다시 확인하세요.",
    },
    "progress.ledger_key_restored": {
        "en": "The XP ledger's key {key} was missing or damaged: it was restored from {backup}, and every earned "
              "step still counts.",
        "ko": "XP 기록 파일의 키 {key:이} 없거나 손상되어 {backup}에서 복원했습니다. 받은 단계는 모두 그대로 "
              "인정됩니다.",
    },
    "progress.ledger_key_lost": {
        "en": "The XP ledger's key {key} is missing or damaged, and there is no backup: the {steps} step(s) recorded "
              "in {ledger} cannot be verified and count no XP for now. Nothing was deleted: put a copy of the old "
              "ledger.key back (or add its line to ledger.key) and they count again; or run their checks again.",
        "ko": "XP 기록 파일의 키 {key:이} 없거나 손상되었고 백업도 없습니다. {ledger}에 기록된 {steps}개 단계를 "
              "확인할 수 없어 지금은 XP로 치지 않습니다. 지운 것은 없습니다. 예전 ledger.key의 사본을 되돌려 놓거나"
              "(또는 그 줄을 ledger.key에 추가하면) 다시 인정되고, 아니면 그 단계들을 다시 확인하세요.",
    },
    "progress.badge_exists": {
        "en": "{path} already exists: choose another file name, or add --force (overwrite=True) to replace it.",
        "ko": "{path:이} 이미 있습니다. 다른 파일 이름을 고르거나, 바꾸려면 --force(overwrite=True)를 더하세요.",
    },
    "progress.badge_protected": {
        "en": "{path} is one of labkit's own files (the XP ledger or its key): a badge is never written over it.",
        "ko": "{path:은} labkit 자체 파일(XP 기록이나 그 키)이라 배지로 덮어쓰지 않습니다.",
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
        "ko": "배지 {badge:은} 아직 받지 못했습니다. 지금까지 {needed} XP 중 {xp} XP입니다.",
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
