"""Kinesis Data Firehose delivery: each record as one text line (no header) into the delivery stream.

>>> stream_name_from_arn("arn:aws:firehose:us-east-1:123456789012:deliverystream/flow-logs")
'flow-logs'
"""

from __future__ import annotations

from typing import Sequence

from labkit.flowlog.record import FlowRecord

from .formatting import line_formatter

MAX_RECORDS = 500  # PutRecordBatch: records per call
MAX_BATCH_BYTES = 4_194_304  # PutRecordBatch: bytes per call


def stream_name_from_arn(arn: str) -> str:
    return arn.rsplit("/", 1)[-1]


class FirehoseDestination:
    def __init__(self, firehose, config):
        self.firehose = firehose
        self.config = config
        self.stream = stream_name_from_arn(config.destination or "")
        self._format = line_formatter(config.fields)

    def add(self, records: Sequence[FlowRecord]) -> None:
        batch: list[dict] = []
        size = 0
        for record in sorted(records, key=lambda r: r.start):
            data = (self._format(record) + "\n").encode()
            if batch and (len(batch) >= MAX_RECORDS or size + len(data) > MAX_BATCH_BYTES):
                self.firehose.put_record_batch(DeliveryStreamName=self.stream, Records=batch)
                batch, size = [], 0
            batch.append({"Data": data})
            size += len(data)
        if batch:
            self.firehose.put_record_batch(DeliveryStreamName=self.stream, Records=batch)

    def close_before(self, timestamp: int) -> list[str]:
        return []

    def close(self) -> list[str]:
        return []
