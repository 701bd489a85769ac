"""The lab session: the header shown by labkit.start() and its errors."""

MESSAGES = {
    "session.header_title": "Lab {lab} · {title}",
    "session.where_sandbox": "Running on the local sandbox (127.0.0.1): no AWS account, no cost.",
    "session.where_aws": "Running on your AWS account, region {region}: resources you create may cost money.",
    "session.xp_so_far": "XP so far: {xp} / {total}",
    "session.lab_worth": "Steps in this lab: {steps}, worth {xp} XP ({earned} XP earned).",
    "session.unknown_lab": "There is no lab {lab}. Labs: {labs}",
    "session.steps_title": "Steps of lab {lab}:",
}
