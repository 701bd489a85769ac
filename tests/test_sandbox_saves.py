"""A sandbox saves between requests, never beside one.

The gate is tested on a plain WSGI app whose requests we hold and release at will: what is under test
is the order of a save and requests, not AWS.
"""

from __future__ import annotations

import threading

from labkit.sandbox.service import Requests

WAIT = 10.0  # generous bounds for a thread to reach a point; no assertion depends on timing


class Server:
    """What Requests needs of werkzeug's server: the app it calls for every request."""

    def __init__(self, app):
        self.app = app


class HeldApp:
    """A WSGI app whose requests each wait for `release` before answering."""

    def __init__(self):
        self.started = threading.Semaphore(0)
        self.release = threading.Event()
        self.answered = 0

    def __call__(self, environ, start_response):
        self.started.release()
        self.release.wait(WAIT)
        self.answered += 1
        start_response("200 OK", [])
        return [b"ok"]


def request(requests: Requests) -> threading.Thread:
    thread = threading.Thread(target=requests, args=({}, lambda status, headers, exc_info=None: None))
    thread.start()
    return thread


def test_no_pause_while_a_request_runs_and_none_is_held_back():
    app = HeldApp()
    requests = Requests(Server(app))
    first = request(requests)
    assert app.started.acquire(timeout=WAIT)
    with requests.paused(timeout=0.2) as paused:
        assert paused is False
        second = request(requests)  # a request the first one makes of the sandbox itself must get in
        assert app.started.acquire(timeout=WAIT)
    app.release.set()
    first.join(WAIT), second.join(WAIT)
    assert app.answered == 2 and requests.done == 2


def test_requests_arriving_during_a_save_wait_for_its_end():
    app = HeldApp()
    app.release.set()
    requests = Requests(Server(app))
    with requests.paused(timeout=WAIT) as paused:
        assert paused is True
        waiting = request(requests)
        assert not app.started.acquire(timeout=0.5)  # held at the gate, not in the app
        assert requests.done == 0 and requests.running == 0
    waiting.join(WAIT)
    assert app.answered == 1 and requests.done == 1


def test_a_pause_waits_for_running_requests_to_finish():
    app = HeldApp()
    requests = Requests(Server(app))
    running = request(requests)
    assert app.started.acquire(timeout=WAIT)
    threading.Timer(0.3, app.release.set).start()
    with requests.paused(timeout=WAIT) as paused:
        assert paused is True
        assert app.answered == 1 and requests.running == 0
    running.join(WAIT)
