"""Lab 03: questions an analyst asks of the flow logs, each answer judged where the truth is (the sandbox).

- `ssh_guesser`: who is guessing SSH passwords? The source with the most ACCEPTed SSH connections to the
  bastion while port 22 was open to the world, the administrator left out (any address tied at the top).
- `guesser_got_in`: and did they get in? Yes or no: whether one of their SSH connections became a session
  that logged in (the traffic model knows; on a real account, a connection longer than a password attempt).
- `icmp_share`: what share of the rejected records is ICMP, over everything the S3 flow log delivered (the
  table's data), as a fraction (0.14) or a percentage (14, '14%'), within half a percentage point.
- `month_cost`: what one query scanning a month of flow logs would cost at Athena's $5 per TB: 30 days each
  the size of one day's partition (the bytes a one-day query scans), within 5% (rounding, a 31-day month).

A wrong answer is named for what it is when it is a typical mistake, never with the expected answer.

    >>> verify("analyst.icmp_share", answer="14%").passed
    True
"""

from __future__ import annotations

import re
from collections import Counter

from .answers import as_int, as_number, normalize, same_answer
from .athena import rejects_tally, table_files
from .context import Context, truth_counts
from .delivered import tied_at_top
from .reading import inbound_delivered, not_an_outside_address, top_rejected_source
from .verdict import Verdict

SSH_ATTEMPT_MAX_PACKETS = 51  # SSHCure: a brute-force flow carries 11-51 packets; a session carries more
YES = {"yes", "true", "예", "네", "그렇다"}
NO = {"no", "false", "아니요", "아니오", "아니다"}
SHARE_TOLERANCE = 0.5  # percentage points
PRICE_PER_TB = 5.0  # dollars per TB scanned (Athena, us-east-1)
TB, TIB = 10**12, 2**40
MONTH_DAYS = 30
MINIMUM_BYTES = 10 * 10**6  # Athena bills at least 10 MB per query
COST_TOLERANCE = 0.05  # relative
DAY_FOLDER = re.compile(r"^\d{4}/\d{2}/\d{2}$")


# --- who is guessing SSH passwords, and did they get in ---


def guessers(ctx: Context, v: Verdict) -> Counter:
    """ACCEPTed SSH connections to the bastion by source, the administrator left out: the truth's, else
    (a real account) the delivered logs'."""
    if ctx.truth:
        counts = truth_counts(ctx.truth, "accepted_ssh_by_source")
        counts.pop(str(ctx.truth.get("admin_address")), None)
        return counts
    v.note("answer_from_delivered")
    return Counter(r.get("srcaddr") for r in inbound_delivered(ctx, "ACCEPT", ssh_only=True))


def _why_not_guesser(ctx: Context, answer, counts: Counter) -> tuple[str, dict]:
    address, why, fields = not_an_outside_address(ctx, answer, count_reason="answer_count_not_guesser")
    if why is not None:
        return why, fields
    if address == (ctx.truth or {}).get("admin_address"):
        return "answer_guesser_admin", fields
    if address == top_rejected_source(ctx, Verdict()):
        return "answer_guesser_scanner", fields
    if address in counts:
        return "answer_guesser_not_top", fields
    if address in truth_counts(ctx.truth, "rejected_ssh_by_source"):
        return "answer_guesser_rejected_only", fields
    return "answer_guesser_no_ssh", fields


def ssh_guesser(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    counts = guessers(ctx, v)
    if not v.require(bool(counts), "no_guesser"):
        return v
    v.evidence["answer"] = normalize(answer)
    if not any(same_answer(answer, address) for address in tied_at_top(counts)):
        why, fields = _why_not_guesser(ctx, answer, counts)
        v.fail(why, **fields)
    return v


def yes_or_no(answer) -> bool | None:
    """True for yes, False for no (True/False, 'yes'/'no', '예'/'아니요'...), None for anything else."""
    if isinstance(answer, bool):
        return answer
    text = normalize(answer).rstrip(".!")
    return True if text in YES else False if text in NO else None


def _logged_in(ctx: Context, address: str) -> bool:
    """Whether one of the address's SSH connections to the bastion was a session that logged in."""
    if ctx.truth:
        return truth_counts(ctx.truth, "ssh_sessions_by_source").get(address, 0) > 0
    return any(
        r.get("srcaddr") == address and (as_int(r.get("packets")) or 0) > SSH_ATTEMPT_MAX_PACKETS
        for r in inbound_delivered(ctx, "ACCEPT", ssh_only=True)
    )


def guesser_got_in(ctx: Context, answer=None) -> Verdict:
    v = Verdict()
    counts = guessers(ctx, v)
    if not v.require(bool(counts), "no_guesser"):
        return v
    said = yes_or_no(answer)
    v.evidence["answer"] = normalize(answer)
    if said is None:
        return v.fail("answer_not_yes_no", answer=normalize(answer))
    got_in = any(_logged_in(ctx, address) for address in tied_at_top(counts))
    if said != got_in:
        v.fail("answer_got_in_yes" if said else "answer_got_in_no")
    return v


# --- what share of the rejected traffic is ICMP ---


def _as_percents(answer) -> list[float]:
    """Every reading of the answer as a percentage: 14.2% or 14.2 as 14.2; 0.142 as 14.2 (and 0.142)."""
    found = as_number(answer)
    if found is None:
        return []
    number, percent = found
    return [number] if percent or number > 1 else [number * 100, number]


def _near(percents: list[float], share: float) -> bool:
    return any(abs(p - share) <= SHARE_TOLERANCE for p in percents)


def _why_not_share(answer, percents: list[float], tally: dict) -> tuple[str, dict]:
    fields = {"answer": normalize(answer)}
    if not percents:
        return "answer_not_a_share", fields
    if as_int(answer) == tally["reject_icmp"] and tally["reject_icmp"] > 1:
        return "answer_icmp_count_not_share", fields
    if max(percents) > 100 or min(percents) < 0:
        return "answer_not_a_share", fields
    if tally["all"] and _near(percents, 100 * tally["reject_icmp"] / tally["all"]):
        return "answer_icmp_share_of_all", fields
    if tally["icmp"] and _near(percents, 100 * tally["reject_icmp"] / tally["icmp"]):
        return "answer_icmp_rejected_share", fields
    return "answer_icmp_not_the_share", fields


def icmp_share(ctx: Context, answer=None) -> Verdict:
    """ICMP's share of the REJECT records in every file the S3 flow log delivered (what the table reads)."""
    v = Verdict()
    tally = rejects_tally(ctx, v)
    if tally is None:
        return v
    share = 100 * tally["reject_icmp"] / tally["reject"]
    percents = _as_percents(answer)
    v.evidence["answer"] = normalize(answer)
    if not _near(percents, share):
        why, fields = _why_not_share(answer, percents, tally)
        v.fail(why, **fields)
    return v


# --- what a month of flow logs would cost to scan ---


def day_sizes(ctx: Context) -> dict[str, int]:
    """Bytes of each day's folder (YYYY/MM/DD) under the S3 flow log's prefix: what a query on that one
    partition scans."""
    files = table_files(ctx)  # on AWS the synthetic records, when the table reads those
    if files is None:
        return {}
    prefix = files.prefix
    sizes: Counter = Counter()
    pages = ctx.client("s3").get_paginator("list_objects_v2").paginate(Bucket=files.bucket, Prefix=prefix)
    for page in pages:
        for item in page.get("Contents", []):
            folder = item["Key"][len(prefix) :].rsplit("/", 1)[0]
            if DAY_FOLDER.match(folder):
                sizes[folder] += int(item.get("Size", 0))
    return dict(sizes)


def _close(value: float, expected: float) -> bool:
    return expected > 0 and abs(value - expected) <= COST_TOLERANCE * expected


def _costs(scanned: float) -> list[float]:
    """Dollars for scanning `scanned` bytes at $5 per TB (a TB read as 10^12 bytes, or as 2^40)."""
    return [scanned / unit * PRICE_PER_TB for unit in (TB, TIB)]


def _why_not_cost(answer, value: float | None, sizes: dict[str, int]) -> tuple[str, dict]:
    fields = {"answer": normalize(answer)}
    if value is None:
        return "answer_not_a_cost", fields
    days = sizes.values()
    if any(_close(value, cost) for size in days for cost in _costs(size)):
        return "answer_month_one_day", fields
    if any(_close(value, MONTH_DAYS * size) for size in days):
        return "answer_month_bytes", fields
    if any(_close(value, cost) for cost in _costs(MINIMUM_BYTES) + _costs(10 * 2**20)):
        return "answer_month_minimum", fields
    if any(
        _close(value, cost * factor) for size in days for cost in _costs(MONTH_DAYS * size) for factor in (1000, 0.001)
    ):
        return "answer_month_unit", fields
    if any(_close(value, cost) for cost in _costs(sum(days))):
        return "answer_month_everything", dict(fields, days=len(sizes))
    return "answer_not_the_cost", fields


def month_cost(ctx: Context, answer=None) -> Verdict:
    """Dollars to scan 30 days, each the size of one day's partition, at $5 per TB (any delivered day)."""
    v = Verdict()
    if not v.require(ctx.delivery_prefix() is not None, "no_flow_log_bucket"):
        return v
    sizes = day_sizes(ctx)
    if not v.require(bool(sizes), "no_records", bucket=ctx.flow_log_bucket, prefix=ctx.delivery_prefix()):
        return v
    found = as_number(answer)
    value = found[0] if found else None
    v.evidence["answer"] = normalize(answer)
    if value is None or not any(_close(value, cost) for size in sizes.values() for cost in _costs(MONTH_DAYS * size)):
        why, fields = _why_not_cost(answer, value, sizes)
        v.fail(why, **fields)
    return v
