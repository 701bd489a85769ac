MESSAGES = {
    "traffic.bad_minutes": "--minutes must be a whole number from 1 to {maximum} (got {minutes}).",
    "traffic.bad_intensity": "--intensity must be a number from 0 to 1000 (got {intensity}).",
    "traffic.bad_scenario": "There is no scenario {scenario}; the scenarios are: {scenarios}.",
    "traffic.summary": "Simulated {minutes} minutes ({start} to {end} UTC, seed {seed}): {records} flow records "
    "delivered to every active flow log.",
    "traffic.uploaded": "Uploaded {files} synthetic flow-log files ({records} records) to s3://{bucket}/{prefix}",
    "traffic.bad_prefix": "The synthetic prefix must be a folder of its own, not empty and not AWSLogs (got "
    "{prefix!r}), so synthetic files never mix with what AWS delivers.",
    "traffic.no_environment": "The demo environment does not exist in this account yet: run `labkit environment build` first.",
    "traffic.no_bucket": "Bucket {bucket} cannot be reached ({detail}): create it or check its name.",
    "traffic.bad_seed": "--seed must be a whole number (got {seed}).",
    "traffic.bad_start": "--start must be a Unix time in whole seconds, like 1764190800 (got {start}).",
}
