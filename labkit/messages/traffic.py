MESSAGES = {
    "traffic.bad_minutes": {
        "en": "--minutes must be a whole number from 1 to {maximum} (got {minutes}).",
        "ko": "--minutes는 1부터 {maximum} 사이의 정수여야 합니다 (입력값: {minutes}).",
    },
    "traffic.bad_intensity": {
        "en": "--intensity must be a number from 0 to 1000 (got {intensity}).",
        "ko": "--intensity는 0부터 1000 사이의 숫자여야 합니다 (입력값: {intensity}).",
    },
    "traffic.bad_scenario": {
        "en": "There is no scenario {scenario}; the scenarios are: {scenarios}.",
        "ko": "{scenario:이라는} 시나리오는 없습니다. 시나리오: {scenarios}.",
    },
    "traffic.summary": {
        "en": "Simulated {minutes} minutes ({start} to {end} UTC, seed {seed}): {records} flow records "
              "delivered to every active flow log.",
        "ko": "{minutes}분 분량의 트래픽을 시뮬레이션했습니다 ({start} ~ {end} UTC, 시드 {seed}): "
              "흐름 로그 레코드 {records}개를 활성 흐름 로그마다 전송했습니다.",
    },
    "traffic.uploaded": {
        "en": "Uploaded {files} synthetic flow-log files ({records} records) to s3://{bucket}/{prefix}",
        "ko": "합성 흐름 로그 파일 {files}개(레코드 {records}개)를 s3://{bucket}/{prefix}에 올렸습니다.",
    },
    "traffic.bad_prefix": {
        "en": "The synthetic prefix must be a folder of its own, not empty and not AWSLogs (got {prefix!r}), "
              "so synthetic files never mix with what AWS delivers.",
        "ko": "합성 데이터 접두사는 비어 있지 않고 AWSLogs가 아닌 별도 폴더여야 합니다 (입력값: {prefix!r}). "
              "그래야 AWS가 전송하는 실제 로그와 섞이지 않습니다.",
    },
    "traffic.no_environment": {
        "en": "The demo environment does not exist in this account yet: run `labkit env up` first.",
        "ko": "이 계정에는 아직 데모 환경이 없습니다. 먼저 `labkit env up`을 실행하세요.",
    },
    "traffic.no_bucket": {
        "en": "Bucket {bucket} cannot be reached ({detail}): create it or check its name.",
        "ko": "버킷 {bucket}에 접근할 수 없습니다 ({detail}). 버킷을 만들거나 이름을 확인하세요.",
    },
    "traffic.bad_seed": {
        "en": "--seed must be a whole number (got {seed}).",
        "ko": "--seed는 정수여야 합니다 (입력값: {seed}).",
    },
    "traffic.bad_start": {
        "en": "--start must be a Unix time in whole seconds, like 1764190800 (got {start}).",
        "ko": "--start는 1764190800처럼 초 단위의 유닉스 시각이어야 합니다 (입력값: {start}).",
    },
}
