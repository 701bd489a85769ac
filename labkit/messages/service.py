MESSAGES = {
    "service.started": {
        "en": "labkit sandbox serving at {url} (process {pid}).",
        "ko": "labkit 샌드박스가 {url}에서 실행 중입니다 (프로세스 {pid}).",
    },
    "service.graded_sandbox": {
        "en": "This sandbox belongs to the grader: it cannot be stopped or reset from a notebook.",
        "ko": "이 샌드박스는 채점기가 관리합니다. 노트북에서 멈추거나 초기화할 수 없습니다.",
    },
    "service.stopped": {
        "en": "labkit sandbox saved its state and stopped.",
        "ko": "labkit 샌드박스가 상태를 저장하고 멈췄습니다.",
    },
    "service.saved": {
        "en": "State saved in {seconds} s ({size} KiB).",
        "ko": "상태를 {seconds}초 만에 저장했습니다 ({size} KiB).",
    },
    "service.failed_to_start": {
        "en": "The sandbox did not start. What it printed is in {log}.",
        "ko": "샌드박스가 시작되지 않았습니다. 출력 내용은 {log}에 있습니다.",
    },
    "service.unreachable": {
        "en": "The sandbox at {url} does not answer ({reason}). `labkit sandbox status` tells whether it runs; "
              "labkit.start(...) starts it again.",
        "ko": "{url}의 샌드박스가 응답하지 않습니다 ({reason}). 실행 여부는 `labkit sandbox status`로 확인하고, "
              "labkit.start(...)로 다시 시작할 수 있습니다.",
    },
    "service.refused": {
        "en": "The sandbox refused the request (HTTP {status}: {detail}).",
        "ko": "샌드박스가 요청을 거부했습니다 (HTTP {status}: {detail}).",
    },
    "service.not_loopback": {
        "en": "{url} is not a loopback address: labkit only talks to a sandbox on 127.0.0.1.",
        "ko": "{url:은} 루프백 주소가 아닙니다. labkit은 127.0.0.1의 샌드박스에만 연결합니다.",
    },
    "service.no_such_route": {
        "en": "The sandbox has no {path}.",
        "ko": "샌드박스에는 {path:가} 없습니다.",
    },
    "service.no_such_job": {
        "en": "No traffic run with that id is known to this sandbox.",
        "ko": "이 샌드박스에는 그 ID의 트래픽 실행이 없습니다.",
    },
    "service.bad_request": {
        "en": "The request to the sandbox was not valid JSON of the expected shape.",
        "ko": "샌드박스에 보낸 요청이 올바른 형식의 JSON이 아닙니다.",
    },
    "service.internal_error": {
        "en": "The sandbox hit an internal error; nothing was changed by this request. Try again, or "
              "`labkit sandbox reset` to start clean.",
        "ko": "샌드박스 내부 오류가 발생했습니다. 이 요청으로 바뀐 것은 없습니다. 다시 시도하거나 "
              "`labkit sandbox reset`으로 새로 시작하세요.",
    },
    "service.cannot_stop_here": {
        "en": "This sandbox runs inside another program (a test or a script) and stops with it.",
        "ko": "이 샌드박스는 다른 프로그램(테스트나 스크립트) 안에서 실행되며 그 프로그램과 함께 멈춥니다.",
    },
    "service.no_world": {
        "en": "This sandbox has no simulated internet yet.",
        "ko": "이 샌드박스에는 아직 시뮬레이션된 인터넷이 없습니다.",
    },
    "service.status": {
        "en": "Sandbox of {home}: running at {url} (process {pid}), idle for {idle} s, {runs} traffic runs.",
        "ko": "{home}의 샌드박스: {url}에서 실행 중 (프로세스 {pid}), {idle}초 동안 유휴, 트래픽 실행 {runs}회.",
    },
    "service.not_running": {
        "en": "No sandbox is running for {home}. labkit.start(...) or `labkit sandbox start` starts it.",
        "ko": "{home}에서 실행 중인 샌드박스가 없습니다. labkit.start(...)나 `labkit sandbox start`로 시작하세요.",
    },
    "service.stopped_now": {
        "en": "The sandbox of {home} saved its state and stopped; the next labkit.start(...) restores it.",
        "ko": "{home}의 샌드박스가 상태를 저장하고 멈췄습니다. 다음 labkit.start(...)가 그대로 복원합니다.",
    },
    "service.reset_done": {
        "en": "The sandbox of {home} is empty again: every resource, query, traffic record and answer is gone.",
        "ko": "{home}의 샌드박스를 비웠습니다. 모든 리소스, 쿼리, 트래픽 기록과 답안이 지워졌습니다.",
    },
    "service.already_serving": {
        "en": "A sandbox already serves {home} at {url}: `labkit sandbox stop` first, or set another LABKIT_HOME.",
        "ko": "{home}에는 이미 {url}에서 샌드박스가 실행 중입니다. 먼저 `labkit sandbox stop`을 실행하거나 "
              "다른 LABKIT_HOME을 지정하세요.",
    },
}
