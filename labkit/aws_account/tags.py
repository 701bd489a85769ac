"""The tags that mark what the course created: `labkit:course=vpc-flow-logs` and `labkit:lab=<lab>`.

`labkit cleanup` removes what carries the course tag and nothing else, so every resource the course
creates carries it: the demo environment, what `prepare` builds, and (on AWS) what a notebook's own
boto3 calls create (see hooks.py).

    >>> course_tags("01-flow-logs")
    {'labkit:course': 'vpc-flow-logs', 'labkit:lab': '01-flow-logs'}
    >>> with_course_tags([{"Key": "Name", "Value": "labkit-demo-vpc"}], lab="01-flow-logs")[1]
    {'Key': 'labkit:course', 'Value': 'vpc-flow-logs'}
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

COURSE_KEY = "labkit:course"
COURSE_VALUE = "vpc-flow-logs"
LAB_KEY = "labkit:lab"
NO_LAB = "none"  # created outside any lab (e.g. `labkit environment build`)

_current_lab: str | None = None  # a plain global: a notebook's cells may run in different asyncio contexts


def set_current_lab(lab: str | None) -> None:
    """The lab whose session is open in this process (labkit.start sets it)."""
    global _current_lab
    _current_lab = lab


def current_lab() -> str:
    return _current_lab or NO_LAB


@contextmanager
def lab_scope(lab: str) -> Iterator[None]:
    """Tag what is created inside the block with `lab` (prepare builds for the lab it prepares)."""
    global _current_lab
    before, _current_lab = _current_lab, lab
    try:
        yield
    finally:
        _current_lab = before


def course_tags(lab: str | None = None) -> dict[str, str]:
    """The course's tags as a dict (logs, Glue); `lab` defaults to the current lab."""
    return {COURSE_KEY: COURSE_VALUE, LAB_KEY: lab or current_lab()}


def tag_list(tags: dict[str, str]) -> list[dict[str, str]]:
    """[{"Key": .., "Value": ..}] as EC2, S3, IAM, CloudWatch and Athena take them."""
    return [{"Key": key, "Value": value} for key, value in tags.items()]


def with_course_tags(tags: list[dict] | None, lab: str | None = None) -> list[dict]:
    """A new list: `tags` plus the course's, keeping any value already given for the same key."""
    tags = [dict(tag) for tag in tags or []]
    given = {tag["Key"] for tag in tags}
    return tags + [tag for tag in tag_list(course_tags(lab)) if tag["Key"] not in given]


def tag_specifications(resource_type: str, name: str | None = None, lab: str | None = None) -> list[dict]:
    """EC2 TagSpecifications for one resource type: its Name (when given) and the course's tags."""
    named = [{"Key": "Name", "Value": name}] if name else []
    return [{"ResourceType": resource_type, "Tags": with_course_tags(named, lab)}]


def is_course_tagged(tags) -> bool:
    """True for a dict or a Key/Value list that carries the course tag."""
    if isinstance(tags, dict):
        return tags.get(COURSE_KEY) == COURSE_VALUE
    return any(tag.get("Key") == COURSE_KEY and tag.get("Value") == COURSE_VALUE for tag in tags or [])
