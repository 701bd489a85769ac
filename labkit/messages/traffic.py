MESSAGES = {
    "traffic.bad_minutes": {
        "en": "--minutes must be a whole number from 1 to {maximum} (got {minutes}).",
        "ko": "--minutes 는 1부터 {maximum} 사이의 정수여야 합니다 (입력값: {minutes}).",
    },
    "traffic.bad_intensity": {
        "en": "--intensity must be a number from 0 to 1000 (got {intensity}).",
        "ko": "--intensity 는 0부터 1000 사이의 숫자여야 합니다 (입력값: {intensity}).",
    },
    "traffic.summary": {
        "en": "Simulated {minutes} minutes ({start} to {end} UTC, seed {seed}): {records} flow records, "
              "{accepted} accepted, {rejected} rejected.",
        "ko": "{minutes}분 분량의 트래픽을 시뮬레이션했습니다 ({start} ~ {end} UTC, 시드 {seed}): "
              "플로 레코드 {records}개, 허용 {accepted}개, 거부 {rejected}개.",
    },
    "traffic.uploaded": {
        "en": "Uploaded {files} synthetic flow-log files ({records} records) to s3://{bucket}/{prefix}",
        "ko": "합성 플로 로그 파일 {files}개(레코드 {records}개)를 s3://{bucket}/{prefix} 에 올렸습니다.",
    },
}
