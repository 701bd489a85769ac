"""The lab session: the header shown by labkit.start() and its errors."""

MESSAGES = {
    "session.header_title": {
        "en": "Lab {lab} · {title}",
        "ko": "실습 {lab} · {title}",
    },
    "session.where_sandbox": {
        "en": "Running on the local sandbox (127.0.0.1): no AWS account, no cost.",
        "ko": "로컬 샌드박스(127.0.0.1)에서 실행 중입니다. AWS 계정도 비용도 필요 없습니다.",
    },
    "session.where_aws": {
        "en": "Running on your AWS account, region {region}: resources you create may cost money.",
        "ko": "내 AWS 계정(리전 {region})에서 실행 중입니다. 만드는 리소스에 비용이 들 수 있습니다.",
    },
    "session.xp_so_far": {
        "en": "XP so far: {xp} / {total}",
        "ko": "지금까지 XP: {xp} / {total}",
    },
    "session.lab_worth": {
        "en": "Steps in this lab: {steps}, worth {xp} XP ({earned} XP earned).",
        "ko": "이 실습: {steps}단계, {xp} XP (획득 {earned} XP).",
    },
    "session.unknown_lab": {
        "en": "There is no lab {lab}. Labs: {labs}",
        "ko": "{lab} 실습은 없습니다. 실습 목록: {labs}",
    },
    "session.steps_title": {
        "en": "Steps of lab {lab}:",
        "ko": "실습 {lab}의 단계:",
    },
}
