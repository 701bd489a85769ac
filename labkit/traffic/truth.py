"""Ground truth: what the traffic model did, so checks can grade an answer without running its SQL.

In the sandbox the truth lives in the sandbox process (its world, saved with its snapshot): a notebook
kernel never holds it, and a check asks the sandbox whether an answer is right. On a real account
(synthetic uploads) it is kept in $LABKIT_HOME/aws-traffic-truth.json. It accumulates over runs.
The counting unit is one record per flow per ENI per minute: what an ALL-traffic flow log with
60-second aggregation and the default format delivers (NODATA excluded). Rejected SSH attempts (TCP to
port 22) are also counted by source: what a CloudWatch metric filter on SSH rejects counts; so are the
accepted ones (a password guesser's tries while SSH is open to the world), and the records of SSH
sessions that logged in (the administrator's: no password guesser of the model ever gets in).
It also keeps what the scenarios' scripted clients met, minute by minute (`scenarios`: the stolen
laptop's session flowing while its new connections were refused, or refused itself; the office backup
failing, the network ACL rule that refused it, and going through again), and the connections the
security groups track at the end of the last run (`connections`), which a continuing run carries on.

    >>> run_traffic(minutes=10, seed=0, start=1764190800)     # in the sandbox process
    >>> truth = load_truth()
    >>> truth["top_rejected_source"], truth["top_rejected_port"]     # 0: ICMP has no port
    ('203.0.113.140', 0)
"""

from __future__ import annotations

import copy
import ipaddress
import json
from collections import Counter
from pathlib import Path

from ..atomic import write_atomically
from ..config import labkit_home, target
from ..world import current_world
from .addresses import ADMIN_ADDRESS, BRUTEFORCE_NETWORK, HEAVY_NETWORK
from .flows import Flow
from ..flowlog.record import FlowRecord

AWS_FILE_NAME = "aws-traffic-truth.json"
FIXED_CAMPAIGN_NETWORKS = (HEAVY_NETWORK, BRUTEFORCE_NETWORK)  # their campaign never changes
SSH = (6, 22)  # (protocol, destination port) of an SSH attempt
LOGGED_IN = frozenset({"admin-ssh"})  # traffic classes whose SSH connections are sessions that logged in


def aws_truth_path() -> Path:
    return labkit_home() / AWS_FILE_NAME


def empty_truth() -> dict:
    return {
        "runs": [],
        "bastion": {},
        "admin_address": ADMIN_ADDRESS,
        "attackers": {},
        "records": {"total": 0, "accepted": 0, "rejected": 0, "by_class": {}},
        "rejected_by_source": {},
        "rejected_by_port": {},
        "rejected_by_minute": {},
        "rejected_ssh_by_source": {},
        "accepted_ssh_by_source": {},
        "ssh_sessions_by_source": {},
        "top_rejected_source": None,
        "top_rejected_port": None,
        "scenarios": {"started": {}},
        "connections": None,
    }


def load_truth() -> dict:
    """The accumulated ground truth (a copy), or an empty one before the first run.

    In the sandbox it exists only in the sandbox's own process: anywhere else it reads as empty.
    """
    world = current_world()
    if world is not None:
        return copy.deepcopy(world.truth) if world.truth else empty_truth()
    if target() == "aws" and aws_truth_path().exists():
        try:
            return json.loads(aws_truth_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return empty_truth()
    return empty_truth()


def save_truth(truth: dict) -> None:
    world = current_world()
    if world is not None:
        world.truth = truth
        return
    write_atomically(aws_truth_path(), json.dumps(truth, indent=1, sort_keys=True))


class Tally:
    """Counts of one run, fed (flow, record) pairs as they are generated."""

    def __init__(self, bastion_interface_id: str, fixed_campaigns: dict[str, str]):
        self.bastion_interface_id = bastion_interface_id
        self.fixed_campaigns = fixed_campaigns  # address -> campaign for persistent heavy hitters
        self.total = self.accepted = self.rejected = 0
        self.by_class: Counter = Counter()
        self.attackers: dict[str, dict] = {}
        self.by_source: Counter = Counter()
        self.by_port: Counter = Counter()
        self.by_minute: Counter = Counter()
        self.ssh_by_source: Counter = Counter()
        self.accepted_ssh_by_source: Counter = Counter()
        self.ssh_sessions_by_source: Counter = Counter()
        self.scenario_minutes: list[dict[str, dict]] = []

    def add_scenarios(self, outcomes: dict[str, dict]) -> None:
        """One minute's outcomes of the running scenarios (scenarios.minute_outcomes)."""
        if outcomes:
            self.scenario_minutes.append(outcomes)

    def add(self, flow: Flow, record: FlowRecord) -> None:
        rejected = record.action == "REJECT"
        self.total += 1
        self.rejected += rejected
        self.accepted += not rejected
        self.by_class[flow.traffic_class] += 1
        if flow.attacker is not None:
            entry = self.attackers.setdefault(
                flow.attacker,
                {
                    "campaign": self.fixed_campaigns.get(flow.attacker, flow.traffic_class),
                    "records": 0,
                    "rejected_records": 0,
                    "ports": set(),
                    "classes": Counter(),
                },
            )
            entry["records"] += 1
            entry["rejected_records"] += rejected
            entry["ports"].add(flow.packet.dstport if flow.packet.protocol != 1 else 0)
            entry["classes"][flow.traffic_class] += 1
        inbound = record.flow_direction == "ingress" and record.interface_id == self.bastion_interface_id
        ssh = (record.protocol, record.dstport) == SSH
        if rejected and inbound:
            self.by_source[record.srcaddr] += 1
            self.by_port[str(record.dstport)] += 1
            self.by_minute[str(record.start // 60 * 60)] += 1
            if ssh:
                self.ssh_by_source[record.srcaddr] += 1
        elif inbound and ssh:
            self.accepted_ssh_by_source[record.srcaddr] += 1
            if flow.traffic_class in LOGGED_IN:
                self.ssh_sessions_by_source[record.srcaddr] += 1


def _add_counts(into: dict, counts: Counter) -> None:
    for key, value in counts.items():
        into[key] = into.get(key, 0) + value


def _top(counts: dict, order) -> str | None:
    """Highest count, ties to the lowest key (addresses and ports compared as numbers)."""
    if not counts:
        return None
    return min(counts, key=lambda key: (-counts[key], order(key)))


def _campaign(address: str, entry: dict, fixed: str | None) -> str:
    if fixed:
        return fixed
    ip = ipaddress.ip_address(address)
    if entry.get("campaign") and any(ip in network for network in FIXED_CAMPAIGN_NETWORKS):
        return entry["campaign"]
    classes = entry["classes"]
    return min(classes, key=lambda name: (-classes[name], name))


def _merge_scenarios(scenarios: dict, minutes: list[dict[str, dict]]) -> None:
    """Per scenario: how many minutes showed its lesson, the last minute each did, what refused the backup."""
    for outcomes in minutes:
        laptop = outcomes.get("stolen-laptop")
        if laptop is not None:
            seen = scenarios.setdefault(
                "stolen-laptop",
                {"kept_flowing_minutes": 0, "cut_minutes": 0, "last_kept_flowing": None, "last_cut": None},
            )
            for what in ("kept_flowing", "cut"):
                if laptop[what]:
                    seen[f"{what}_minutes"] += 1
                    seen[f"last_{what}"] = laptop["minute"]
        backup = outcomes.get("office-backup")
        if backup is not None:
            seen = scenarios.setdefault(
                "office-backup", {"failed_minutes": 0, "last_failed": None, "last_succeeded": None, "refused_by": []}
            )
            if backup["ok"]:
                seen["last_succeeded"] = backup["minute"]
            else:
                seen["failed_minutes"] += 1
                seen["last_failed"] = backup["minute"]
                seen["refused_by"] = sorted(set(seen["refused_by"]) | backup["refused_by"], key=str)


def merge_tally(truth: dict, tally: Tally, run: dict, bastion: dict) -> dict:
    """Add one run's tally to the accumulated truth and recompute the tops."""
    truth["runs"].append(run)
    truth["bastion"] = bastion
    truth["admin_address"] = ADMIN_ADDRESS
    records = truth["records"]
    records["total"] += tally.total
    records["accepted"] += tally.accepted
    records["rejected"] += tally.rejected
    _add_counts(records["by_class"], tally.by_class)
    for address, seen in tally.attackers.items():
        entry = truth["attackers"].setdefault(
            address, {"records": 0, "rejected_records": 0, "ports": [], "classes": {}}
        )
        entry["records"] += seen["records"]
        entry["rejected_records"] += seen["rejected_records"]
        entry["ports"] = sorted(set(entry["ports"]) | seen["ports"])
        _add_counts(entry["classes"], seen["classes"])
        fixed = seen["campaign"] if address in tally.fixed_campaigns or seen["campaign"] == "ssh-bruteforce" else None
        entry["campaign"] = _campaign(address, entry, fixed)
    _add_counts(truth["rejected_by_source"], tally.by_source)
    _add_counts(truth["rejected_by_port"], tally.by_port)
    _add_counts(truth["rejected_by_minute"], tally.by_minute)
    _add_counts(truth.setdefault("rejected_ssh_by_source", {}), tally.ssh_by_source)  # older truths lack these
    _add_counts(truth.setdefault("accepted_ssh_by_source", {}), tally.accepted_ssh_by_source)
    _add_counts(truth.setdefault("ssh_sessions_by_source", {}), tally.ssh_sessions_by_source)
    _merge_scenarios(truth.setdefault("scenarios", {}), tally.scenario_minutes)
    truth["top_rejected_source"] = _top(truth["rejected_by_source"], lambda a: int(ipaddress.ip_address(a)))
    top_port = _top(truth["rejected_by_port"], int)
    truth["top_rejected_port"] = int(top_port) if top_port is not None else None
    return truth
