"""run_traffic: rules re-read each minute, records handed to the deliverer, ground truth per the contract."""

from __future__ import annotations

import gzip
import ipaddress
import re
from collections import Counter
from datetime import datetime, timezone

import boto3
import pytest
from flowlogs_reader import S3FlowLogsReader

from labkit.environment import build_demo_environment, layout
from labkit.messages import LabkitError
from labkit.traffic import load_truth, run_traffic
from labkit.traffic.clock import choose_start, current_minute
from labkit.traffic.synthetic_upload import upload_synthetic_records
from test_environment import cli

START = 1764190800


class Collect:
    """A test double of the deliverer (the thing under test is the run loop, not delivery)."""

    def __init__(self):
        self.minutes, self.records, self.closed = [], [], False

    def deliver_minute(self, minute_start, records):
        self.minutes.append(minute_start)
        self.records.extend(records)

    def close(self):
        self.closed = True


@pytest.fixture
def env(aws_env):
    return build_demo_environment()


def recount(records, env) -> dict:
    """The truth's numbers computed again from nothing but the records."""
    bastion_rejects = [
        r
        for r in records
        if r.interface_id == env.bastion.interface_id and r.flow_direction == "ingress" and r.action == "REJECT"
    ]
    return {
        "total": len(records),
        "accepted": sum(r.action == "ACCEPT" for r in records),
        "rejected": sum(r.action == "REJECT" for r in records),
        "by_source": Counter(r.srcaddr for r in bastion_rejects),
        "by_port": Counter(str(r.dstport) for r in bastion_rejects),
        "by_minute": Counter(str(r.start // 60 * 60) for r in bastion_rejects),
        "ssh_by_source": Counter(r.srcaddr for r in bastion_rejects if (r.protocol, r.dstport) == (6, 22)),
        "accepted_ssh_by_source": Counter(
            r.srcaddr
            for r in records
            if r.interface_id == env.bastion.interface_id
            and r.flow_direction == "ingress"
            and r.action == "ACCEPT"
            and (r.protocol, r.dstport) == (6, 22)
        ),
    }


def test_ground_truth_agrees_with_a_recount_of_the_records(env):
    sink = Collect()
    summary = run_traffic(20, seed=4, start=START, deliverer=sink)
    assert sink.closed and sink.minutes == [START + 60 * i for i in range(20)]
    truth = load_truth()
    counts = recount(sink.records, env)
    assert (summary.records, summary.accepted, summary.rejected) == (
        counts["total"],
        counts["accepted"],
        counts["rejected"],
    )
    assert truth["records"]["total"] == counts["total"] and truth["records"]["rejected"] == counts["rejected"]
    assert truth["rejected_by_source"] == dict(counts["by_source"])
    assert truth["rejected_by_port"] == dict(counts["by_port"])
    assert truth["rejected_by_minute"] == dict(counts["by_minute"])
    assert truth["rejected_ssh_by_source"] == dict(counts["ssh_by_source"])
    assert truth["accepted_ssh_by_source"] == dict(counts["accepted_ssh_by_source"])
    # Only the administrator's SSH connections are sessions that logged in: no password guesser gets in.
    assert set(truth["ssh_sessions_by_source"]) <= {truth["admin_address"]}
    assert (
        truth["ssh_sessions_by_source"].get(truth["admin_address"], 0)
        == counts["accepted_ssh_by_source"][truth["admin_address"]]
    )
    assert any(ip.startswith("192.0.2.") for ip in truth["accepted_ssh_by_source"])  # the guessers, accepted
    top_source = min(counts["by_source"], key=lambda a: (-counts["by_source"][a], int(ipaddress.ip_address(a))))
    assert truth["top_rejected_source"] == top_source
    assert truth["top_rejected_port"] == int(min(counts["by_port"], key=lambda p: (-counts["by_port"][p], int(p))))
    assert truth["runs"] == [{"seed": 4, "start": START, "end": START + 1200, "minutes": 20, "origin": START}]
    assert truth["bastion"] == {
        "instance_id": env.bastion.instance_id,
        "interface_id": env.bastion.interface_id,
        "private_ip": "10.0.1.10",
        "public_ip": env.bastion.public_ip,
    }
    by_class = truth["records"]["by_class"]
    assert sum(by_class.values()) == counts["total"]
    assert by_class["admin-ssh"] == sum(truth["admin_address"] in (r.srcaddr, r.dstaddr) for r in sink.records)
    assert by_class.get("https-out", 0) == sum("142.250." in r.srcaddr + r.dstaddr for r in sink.records)
    for address, entry in truth["attackers"].items():
        theirs = [r for r in sink.records if address in (r.srcaddr, r.dstaddr)]
        assert entry["records"] == len(theirs)
        assert entry["rejected_records"] == sum(r.action == "REJECT" for r in theirs)
        inbound = {r.dstport for r in theirs if r.srcaddr == address}
        assert set(entry["ports"]) == inbound
    campaigns = Counter(e["campaign"] for e in truth["attackers"].values())
    assert campaigns["ssh-bruteforce"] >= 1 and campaigns["scan-wide"] == 1
    assert truth["attackers"][truth["top_rejected_source"]]["campaign"] == "scan-wide"


def test_truth_accumulates_and_runs_continue_in_time(env):
    start = current_minute() - 3600
    first, second = Collect(), Collect()
    run_traffic(5, seed=2, start=start, deliverer=first)
    summary = run_traffic(5, seed=2, deliverer=second)  # continues where the first ended
    assert summary.start == start + 300 and second.minutes[0] == start + 300
    truth = load_truth()
    assert [r["start"] for r in truth["runs"]] == [start, start + 300]
    both = recount(first.records + second.records, env)
    assert truth["records"]["total"] == both["total"]
    assert truth["rejected_by_source"] == dict(both["by_source"])
    # and the same 10 minutes in one run give the same records
    assert Collect_run(10, 2, start) == first.records + second.records


def Collect_run(minutes, seed, start):
    sink = Collect()
    run_traffic(minutes, seed=seed, start=start, deliverer=sink)
    return sink.records


def test_rules_are_reread_between_runs(env):
    before = Collect_run(5, 9, START)
    ec2 = boto3.client("ec2")
    ec2.revoke_security_group_ingress(GroupId=env.bastion.security_group_id, IpPermissions=layout.BASTION_INGRESS)
    try:
        after = Collect_run(5, 9, START)
    finally:
        ec2.authorize_security_group_ingress(
            GroupId=env.bastion.security_group_id, IpPermissions=layout.BASTION_INGRESS
        )
    assert any(r.dstport == 22 and r.action == "ACCEPT" for r in before)
    assert not any(r.dstport == 22 and r.action == "ACCEPT" for r in after)


def test_clock_stays_inside_what_cloudwatch_logs_accepts():
    now = 1764191405.3
    assert choose_start(10, now=now) == 1764190800
    assert choose_start(10, now=now, previous_end=1764191100) == 1764191100  # continue
    assert choose_start(10, now=now, previous_end=1764100000) == 1764190800  # long gap: end now
    assert choose_start(90, now=now, previous_end=1764191400) == 1764191400 - 5400  # would run too far ahead


@pytest.mark.parametrize("minutes", [0, -3, 10**6, 2.5, "10"])
def test_bad_minutes_fail_clearly_and_write_nothing(aws_env, minutes):
    with pytest.raises(LabkitError) as caught:
        run_traffic(minutes, deliverer=Collect())
    assert caught.value.key == "traffic.bad_minutes" and "--minutes" in str(caught.value)
    assert load_truth()["runs"] == []


@pytest.mark.parametrize(
    "arguments,key",
    [
        ({"start": "yesterday"}, "traffic.bad_start"),
        ({"start": -60}, "traffic.bad_start"),
        ({"intensity": -1}, "traffic.bad_intensity"),
    ],
)
def test_bad_start_or_intensity_fail_clearly(aws_env, arguments, key):
    with pytest.raises(LabkitError) as caught:
        run_traffic(5, deliverer=Collect(), **arguments)
    assert caught.value.key == key and load_truth()["runs"] == []


def test_failing_delivery_keeps_the_truth_of_what_was_delivered(env):
    class Breaks(Collect):
        def deliver_minute(self, minute_start, records):
            if len(self.minutes) == 3:
                raise RuntimeError("disk full")
            super().deliver_minute(minute_start, records)

    sink = Breaks()
    with pytest.raises(RuntimeError):
        run_traffic(10, seed=1, start=START, deliverer=sink)
    assert sink.closed
    truth = load_truth()
    assert truth["runs"] == [{"seed": 1, "start": START, "end": START + 180, "minutes": 3, "origin": START}]
    assert truth["records"]["total"] == len(sink.records)


def test_delivered_by_a_real_s3_flow_log_equals_the_truth(env):
    s3, ec2 = boto3.client("s3"), boto3.client("ec2")
    s3.create_bucket(Bucket="traffic-run-e2e")
    ec2.create_flow_logs(
        ResourceIds=[env.vpc_id],
        ResourceType="VPC",
        TrafficType="ALL",
        LogDestinationType="s3",
        LogDestination="arn:aws:s3:::traffic-run-e2e",
        MaxAggregationInterval=60,
    )
    try:
        run_traffic(10, seed=6, start=START)  # labkit.delivery.Deliverer
    finally:
        flow_logs = ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [env.vpc_id]}])["FlowLogs"]
        ec2.delete_flow_logs(FlowLogIds=[f["FlowLogId"] for f in flow_logs])
    lines = []
    for item in s3.list_objects_v2(Bucket="traffic-run-e2e")["Contents"]:
        body = gzip.decompress(s3.get_object(Bucket="traffic-run-e2e", Key=item["Key"])["Body"].read()).decode()
        lines += [line.split(" ") for line in body.splitlines()[1:]]
    data = [fields for fields in lines if fields[13] == "OK"]
    truth = load_truth()
    assert len(data) == truth["records"]["total"]
    rejected = Counter(
        f[3] for f in data if f[2] == env.bastion.interface_id and f[12] == "REJECT" and f[4] == env.bastion.private_ip
    )
    assert dict(rejected) == truth["rejected_by_source"]


def test_synthetic_upload_writes_the_aws_layout_under_its_own_prefix(env):
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="synthetic-flow-logs")
    summary, keys = upload_synthetic_records("synthetic-flow-logs", minutes=12, seed=3, start=START)
    listed = sorted(o["Key"] for o in s3.list_objects_v2(Bucket="synthetic-flow-logs")["Contents"])
    assert sorted(keys) == listed and len(listed) >= 3  # 5-minute files
    pattern = re.compile(
        r"^labkit-synthetic/AWSLogs/123456789012/vpcflowlogs/us-east-1/2025/11/26/"
        r"123456789012_vpcflowlogs_us-east-1_fl-labkitsynthetic_20251126T21[0-5][05]Z_[0-9a-f]{8}\.log\.gz$"
    )
    assert all(pattern.match(key) for key in listed), listed
    total = 0
    for key in listed:
        lines = (
            gzip.decompress(s3.get_object(Bucket="synthetic-flow-logs", Key=key)["Body"].read()).decode().splitlines()
        )
        assert lines[0] == (
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes "
            "start end action log-status"
        )
        assert all(len(line.split(" ")) == 14 and line.startswith("2 123456789012 eni-") for line in lines[1:])
        total += len(lines) - 1
    assert total == summary.records == load_truth()["records"]["total"]
    # an independent parser reads them as AWS's own files, and agrees with the ground truth
    window = [datetime.fromtimestamp(START + d, tz=timezone.utc).replace(tzinfo=None) for d in (-3600, 7200)]
    parsed = list(
        S3FlowLogsReader(
            "synthetic-flow-logs/labkit-synthetic",
            start_time=window[0],
            end_time=window[1],
            boto_client=s3,
            raise_on_error=True,
        )
    )
    assert len(parsed) == summary.records
    rejected = Counter(
        r.srcaddr
        for r in parsed
        if r.action == "REJECT" and r.interface_id == env.bastion.interface_id and r.dstaddr == env.bastion.private_ip
    )
    assert dict(rejected) == load_truth()["rejected_by_source"]
    with pytest.raises(LabkitError) as caught:
        upload_synthetic_records("synthetic-flow-logs", prefix="AWSLogs/")
    assert caught.value.key == "traffic.bad_prefix"
    with pytest.raises(LabkitError) as caught:
        upload_synthetic_records("no-such-bucket-here")
    assert caught.value.key == "traffic.no_bucket"


def test_cli_traffic_run(env, sandbox, world, tmp_path):
    result = cli(["traffic", "run", "--minutes", "3", "--seed", "5"], sandbox, tmp_path)
    assert result.returncode == 0, result.stderr
    records = world.truth["records"]  # the run happened in the sandbox (this process), not in the command
    assert records["total"] > 0 and len(world.truth["runs"]) == 1
    assert "Simulated 3 minutes" in result.stdout and f"{records['total']} flow records" in result.stdout
    assert f"흐름 로그 레코드 {records['total']}개" in result.stdout
    assert "accepted" not in result.stdout  # what the records are is for the student to find


def test_truth_lives_only_in_the_sandbox_process(env, world):
    """Outside the sandbox's process (a notebook kernel) there is no truth to read."""
    from labkit.world import install_world

    run_traffic(3, seed=2, start=START, deliverer=Collect())
    assert load_truth()["records"]["total"] > 0
    install_world(None)  # what a kernel is: a process that hosts no sandbox
    try:
        assert load_truth()["runs"] == []
    finally:
        install_world(world)


def test_a_run_that_does_not_continue_another_begins_its_own_simulation(env):
    """Yesterday's traffic added after today's must not depend on the hour it is added at."""
    today = current_minute() - 600
    run_traffic(5, seed=3, start=today, deliverer=Collect())
    yesterday = Collect()
    run_traffic(5, seed=3, start=today - 86400 + 777 * 60, deliverer=yesterday)
    fresh = Collect()
    run_traffic(5, seed=3, start=today + 86400, deliverer=fresh)
    assert len(yesterday.records) == len(fresh.records) > 0
    assert [(r.srcaddr, r.dstport, r.action, r.packets) for r in yesterday.records] == [
        (r.srcaddr, r.dstport, r.action, r.packets) for r in fresh.records
    ]


@pytest.mark.parametrize("minutes, shown", [(10, False), (60, True)])
def test_only_long_runs_show_a_progress_bar_however_slow_the_machine(monkeypatch, capsys, minutes, shown):
    """A notebook's short runs print nothing on stderr even when the machine is slow (its stored outputs
    must not depend on the load); an hour or more of traffic shows the bar."""
    from labkit.sandbox_client import client
    from labkit.traffic import simulate

    polls = iter([False, False, True])  # the job as each poll finds it: running, running, finished

    def fake_call(method, path, body=None, query=None):
        finished = False if path == "/labkit/traffic/run" else next(polls)
        return {
            "id": "job",
            "finished": finished,
            "done_minutes": 1,
            "minutes": minutes,
            "error": None,
            "summary": {"seed": 0, "start": START, "end": START + 60 * minutes, "minutes": minutes, "records": 5},
        }

    monkeypatch.setattr(client, "call", fake_call)
    monkeypatch.setattr("labkit.sandbox_client.ensure_sandbox", lambda **kw: None)
    monkeypatch.setattr(simulate, "PROGRESS_AFTER", 0.0)
    monkeypatch.setattr(simulate, "POLL", 0.0)
    summary = simulate._ask_the_sandbox(minutes, 0, None, 1.0, progress=True)
    assert summary.records == 5
    assert ("min" in capsys.readouterr().err) is shown
