"""nbgrader's region markers in cell sources: find them, check they pair up, replace them.

A region runs from a line containing `### BEGIN SOLUTION` to one containing `### END SOLUTION`
(any comment syntax: `# ### BEGIN SOLUTION`, `<!-- ### BEGIN SOLUTION -->`, …); the same for
`### BEGIN HIDDEN TESTS` / `### END HIDDEN TESTS`.

    >>> replace_regions("x = 1\\n    ### BEGIN SOLUTION\\n    y = 2\\n    ### END SOLUTION", "SOLUTION",
    ...                 ["# YOUR CODE HERE", "raise NotImplementedError()"])
    'x = 1\\n    # YOUR CODE HERE\\n    raise NotImplementedError()'
"""

from __future__ import annotations

SOLUTION = "SOLUTION"
HIDDEN_TESTS = "HIDDEN TESTS"


class UnbalancedRegion(ValueError):
    """A BEGIN without END, an END without BEGIN, or a region inside another; `line` is 1-based."""

    def __init__(self, region: str, line: int):
        self.region = region
        self.line = line
        super().__init__(f"{region} region unbalanced at line {line}")


def begin(region: str) -> str:
    return f"### BEGIN {region}"


def end(region: str) -> str:
    return f"### END {region}"


def regions(source: str, region: str) -> list[tuple[int, int]]:
    """(first, last) 0-based line indexes of each region, markers included; raises UnbalancedRegion."""
    found, opened = [], None
    for index, line in enumerate(source.splitlines()):
        if begin(region) in line:
            if opened is not None:
                raise UnbalancedRegion(region, index + 1)
            opened = index
        elif end(region) in line:
            if opened is None:
                raise UnbalancedRegion(region, index + 1)
            found.append((opened, index))
            opened = None
    if opened is not None:
        raise UnbalancedRegion(region, opened + 1)
    return found


def has_region(source: str, region: str) -> bool:
    """True when `source` holds at least one (balanced) `region`."""
    return bool(regions(source, region))


def replace_regions(source: str, region: str, stub: list[str]) -> str:
    """Each `region` replaced by the `stub` lines, indented like its BEGIN line (no stub: removed)."""
    found = regions(source, region)
    if not found:
        return source
    lines = source.splitlines()
    kept: list[str] = []
    position = 0
    for first, last in found:
        kept.extend(lines[position:first])
        indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
        kept.extend(indent + line if line else line for line in stub)
        position = last + 1
    kept.extend(lines[position:])
    return "\n".join(kept) + ("\n" if source.endswith("\n") else "")
