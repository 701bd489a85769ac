"""Request validation as AWS does it, from the service's own API model (the one botocore ships).

AWS checks every request against its model before the service sees it: a missing required member,
a string too long (Athena's QueryString: 262,144), a number out of range (GetQueryResults'
MaxResults: 1000), a pattern or an enum not met. It answers with one message that lists them all,
in the words of AWS's validation layer:

    >>> validation_errors("athena", "GetQueryResults", {"QueryExecutionId": "q", "MaxResults": 5000})
    ["Value '5000' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"]
    >>> validation_message(_)
    "1 validation error detected: Value '5000' at 'maxResults' failed to satisfy constraint: ..."

A value of the wrong JSON type (a number where a string belongs) is reported too: AWS refuses it
before validating (botocore never sends one; a hand-made request can).
"""

from __future__ import annotations

import functools
import re

_NUMBER_TYPES = ("integer", "long", "double", "float")


@functools.lru_cache(maxsize=None)
def _service_model(service: str):
    import botocore.session

    return botocore.session.get_session().get_service_model(service)


@functools.lru_cache(maxsize=None)
def _pattern(pattern: str):
    try:
        return re.compile(pattern)
    except re.error:  # a Java pattern Python cannot read (surrogate ranges): not checked
        return None


def validation_errors(service: str, operation: str, body: dict) -> list[str]:
    """Every constraint of `operation`'s input that `body` breaks, as AWS words each one."""
    shape = _service_model(service).operation_model(operation).input_shape
    errors: list[str] = []
    if shape is not None:
        _check_structure(shape, body, "", errors)
    return errors


def validation_message(errors: list[str]) -> str:
    """AWS's message for a list of validation errors."""
    count = len(errors)
    return f"{count} validation error{'s' if count != 1 else ''} detected: " + "; ".join(errors)


def _member_path(prefix: str, name: str) -> str:
    # AWS names members in lowerCamelCase in its messages: QueryExecutionContext.Database ->
    # 'queryExecutionContext.database'.
    name = name[:1].lower() + name[1:]
    return f"{prefix}.{name}" if prefix else name


def _shown(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, list):
        return "'[" + ", ".join(str(v) for v in value) + "]'"
    return f"'{value}'"


def _type_error(shape, value) -> str | None:
    """What AWS says when a value has the wrong JSON type for its shape; None when it fits."""
    kind = shape.type_name
    fits = {
        "string": isinstance(value, str),
        "integer": isinstance(value, int) and not isinstance(value, bool),
        "long": isinstance(value, int) and not isinstance(value, bool),
        "double": isinstance(value, (int, float)) and not isinstance(value, bool),
        "float": isinstance(value, (int, float)) and not isinstance(value, bool),
        "boolean": isinstance(value, bool),
        "structure": isinstance(value, dict),
        "map": isinstance(value, dict),
        "list": isinstance(value, list),
    }.get(kind, True)
    if fits:
        return None
    if isinstance(value, list):
        return "Start of list found where not expected"
    if isinstance(value, dict):
        return "Start of structure or map found where not expected."
    token = (
        "STRING_VALUE"
        if isinstance(value, str)
        else "VALUE_TRUE"
        if value is True
        else "VALUE_FALSE"
        if value is False
        else "NUMBER_VALUE"
    )
    target = {
        "string": "a String",
        "integer": "an Integer",
        "long": "a Long",
        "double": "a Double",
        "float": "a Float",
        "boolean": "a Boolean",
    }.get(kind, f"a {kind}")
    return f"{token} can not be converted to {target}"


def _check_structure(shape, body: dict, prefix: str, errors: list[str]) -> None:
    for name in shape.required_members:
        if body.get(name) is None:
            errors.append(
                f"Value null at '{_member_path(prefix, name)}' failed to satisfy constraint: Member must not be null"
            )
    for name, member in shape.members.items():
        value = body.get(name)
        if value is not None:
            _check_value(member, value, _member_path(prefix, name), errors)


def _check_value(shape, value, path: str, errors: list[str]) -> None:
    wrong = _type_error(shape, value)
    if wrong is not None:
        raise TypeMismatch(wrong)
    meta, kind = shape.metadata, shape.type_name
    fail = f"Value {_shown(value)} at '{path}' failed to satisfy constraint: Member must "
    if kind in ("string", "list", "map"):
        if "min" in meta and len(value) < meta["min"]:
            errors.append(fail + f"have length greater than or equal to {meta['min']}")
        if "max" in meta and len(value) > meta["max"]:
            errors.append(fail + f"have length less than or equal to {meta['max']}")
    if kind in _NUMBER_TYPES:
        if "min" in meta and value < meta["min"]:
            errors.append(fail + f"have value greater than or equal to {meta['min']}")
        if "max" in meta and value > meta["max"]:
            errors.append(fail + f"have value less than or equal to {meta['max']}")
    if kind == "string":
        if shape.enum and value not in shape.enum:
            errors.append(fail + "satisfy enum value set: [" + ", ".join(shape.enum) + "]")
        pattern = _pattern(meta["pattern"]) if "pattern" in meta else None
        if pattern is not None and not pattern.fullmatch(value):
            errors.append(fail + f"satisfy regular expression pattern: {meta['pattern']}")
    if kind == "structure":
        _check_structure(shape, value, path, errors)
    elif kind == "list":
        for index, item in enumerate(value, start=1):
            _check_value(shape.member, item, f"{path}.{index}.member", errors)
    elif kind == "map":
        for key, item in value.items():
            _check_value(shape.value, item, f"{path}.{key}", errors)


class TypeMismatch(Exception):
    """A value of the wrong JSON type: AWS refuses the request before validating its values."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def check_request(service: str, operation: str, body: dict) -> None:
    """Raise TypeMismatch, or RequestInvalid with AWS's message, when `body` breaks the model."""
    errors = validation_errors(service, operation, body)
    if errors:
        raise RequestInvalid(validation_message(errors))


class RequestInvalid(Exception):
    """A request that breaks its operation's model; `message` is AWS's validation message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
