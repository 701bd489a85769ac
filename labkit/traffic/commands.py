"""`labkit traffic run --minutes N [--seed S]`, a thin shell over run_traffic; `labkit traffic upload --bucket B`,
over upload_synthetic_records (real AWS)."""

from __future__ import annotations

from datetime import datetime, timezone

from ..bilingual_cli import group, option
from ..aws_account.target import require_target
from ..messages import message
from .simulate import run_traffic

seed_option = option("--seed", type=int, default=0, help="click.traffic.seed")


def _utc(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%d %H:%M")


@group("traffic", help="click.traffic")
def traffic() -> None:
    pass


@traffic.command("run", help="click.traffic.run")
@option("--minutes", type=int, default=10, help="click.traffic.minutes")
@seed_option
@option("--start", type=int, default=None, help="click.traffic.run.start")
@option("--intensity", type=float, default=1.0, help="click.traffic.run.intensity")
@option("--scenario", default=None, help="click.traffic.run.scenario")
def run_command(minutes: int, seed: int, start: int | None, intensity: float, scenario: str | None) -> int:
    require_target()
    summary = run_traffic(minutes=minutes, seed=seed, start=start, intensity=intensity, scenario=scenario)
    print(
        message(
            "traffic.summary",
            minutes=summary.minutes,
            start=_utc(summary.start),
            end=_utc(summary.end),
            seed=summary.seed,
            records=summary.records,
        )
    )
    return 0


@traffic.command("upload", help="click.traffic.upload")
@option("--bucket", required=True, help="click.traffic.upload.bucket")
@option("--prefix", default="labkit-synthetic/", help="click.traffic.upload.prefix")
@option("--minutes", type=int, default=60, help="click.traffic.minutes")
@seed_option
def upload_command(bucket: str, prefix: str, minutes: int, seed: int) -> int:
    require_target()
    from .synthetic_upload import upload_synthetic_records

    summary, keys = upload_synthetic_records(bucket, prefix=prefix, minutes=minutes, seed=seed)
    print(message("traffic.uploaded", files=len(keys), records=summary.records, bucket=bucket, prefix=prefix))
    return 0
