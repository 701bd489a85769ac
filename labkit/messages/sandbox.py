MESSAGES = {
    "sandbox.ready": "Sandbox ready at {url}",
    "sandbox.endpoint_line": "AWS_ENDPOINT_URL={url}",
    "sandbox.serving": "Serving the labkit sandbox on 127.0.0.1 until interrupted (Ctrl+C).",
    "sandbox.snapshot_unreadable": "The saved sandbox could not be restored ({reason}). This sandbox starts empty; "
    "the old file was kept as {path}. Run the earlier labs again, or call prepare().",
    "sandbox.snapshot_reason.version": "it was saved by another version: format {found_format}, moto {found_moto}; "
    "this sandbox is format {format}, moto {moto}",
    "sandbox.snapshot_reason.damaged": "the file is damaged or incomplete",
}
