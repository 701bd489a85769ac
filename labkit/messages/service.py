MESSAGES = {
    "service.started": "labkit sandbox serving at {url} (process {pid}).",
    "service.graded_sandbox": "This sandbox belongs to the grader: it cannot be stopped or reset from a notebook.",
    "service.stopped": "labkit sandbox saved its state and stopped.",
    "service.saved": "State saved in {seconds} s ({size} KiB).",
    "service.failed_to_start": "The sandbox did not start. What it printed is in {log}.",
    "service.unreachable": "The sandbox at {url} does not answer ({reason}). `labkit sandbox status` tells whether it "
    "runs; labkit.start(...) starts it again.",
    "service.refused": "The sandbox refused the request (HTTP {status}: {detail}).",
    "service.not_loopback": "{url} is not a loopback address: labkit only talks to a sandbox on 127.0.0.1.",
    "service.no_such_route": "The sandbox has no {path}.",
    "service.no_such_job": "No traffic run with that id is known to this sandbox.",
    "service.bad_request": "The request to the sandbox was not valid JSON of the expected shape.",
    "service.internal_error": "The sandbox hit an internal error; nothing was changed by this request. Try again, or "
    "`labkit sandbox reset` to start clean.",
    "service.cannot_stop_here": "This sandbox runs inside another program (a test or a script) and stops with it.",
    "service.no_world": "This sandbox has no simulated internet yet.",
    "service.status": "Sandbox of {home}: running at {url} (process {pid}), idle for {idle} s, {runs} traffic runs.",
    "service.not_running": "No sandbox is running for {home}. labkit.start(...) or `labkit sandbox start` starts it.",
    "service.stopped_now": "The sandbox of {home} saved its state and stopped; the next labkit.start(...) restores it.",
    "service.reset_done": "The sandbox of {home} is empty again: every resource, query, traffic record and answer is "
    "gone.",
    "service.already_serving": "A sandbox already serves {home} at {url}: `labkit sandbox stop` first, or set another "
    "LABKIT_HOME.",
}
