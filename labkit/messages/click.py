"""The `labkit` command's help (labkit.bilingual_cli and labkit/<area>/commands.py): one key per command and
option, `click.<command>[.<option>]`; its exit codes; its usage-error line."""

MESSAGES = {
    # The command itself.
    "click.labkit": "labkit: the VPC Flow Logs and Athena course kit. Each command calls the library function of the "
    "same name; LABKIT_LANG=en|ko|both chooses the language of everything it prints.",
    "click.exit_codes": "Exit codes:\n  0    done\n  1    done, and the answer is no: a check failed, stale student "
    "copies, resources left behind, no sandbox running, a submission that could not be graded\n  "
    "2    the command line is wrong (see --help)\n  3    labkit could not do the job; its message "
    "says what to fix\n  4    AWS refused a request or could not be reached\n  130  interrupted "
    "(Ctrl+C)",
    "click.help_option": "Show this help and exit.",
    "click.usage_error": "Error: {detail} See `{command} --help`.",
    "click.interrupted": "Interrupted.",
    # labkit sandbox
    "click.sandbox": "The local AWS sandbox of this LABKIT_HOME (127.0.0.1 only). Without a subcommand: serve it in "
    "the foreground until Ctrl+C, the three AWS_ lines first.",
    "click.sandbox.serve": "Serve in the foreground (scripts, CI) until Ctrl+C; the first three lines are AWS_ "
    "variables a shell can eval.",
    "click.sandbox.start": "Start this LABKIT_HOME's background sandbox (or find the running one), as "
    "labkit.start(...) does.",
    "click.sandbox.status": "Show the background sandbox's address, process and idle time; exit 1 when none runs.",
    "click.sandbox.stop": "Save the background sandbox's state and stop it; the next start restores it.",
    "click.sandbox.reset": "Empty the sandbox: every resource, query, traffic record and answer is gone.",
    "click.sandbox.port": "port to bind when serving (0: a free port)",
    "click.sandbox.seed": "seed for deterministic resource IDs",
    # labkit environment (hidden alias: labkit env up|down)
    "click.environment": "The demo VPC the labs start from.",
    "click.environment.build": "Build the demo environment (idempotent: an existing one is found, not rebuilt).",
    "click.environment.teardown": "Delete the demo environment and everything in its VPC.",
    # labkit traffic
    "click.traffic": "Simulated internet traffic on the demo VPC.",
    "click.traffic.run": "Simulate N minutes and deliver them to the active flow logs (a progress bar on long runs).",
    "click.traffic.minutes": "simulated minutes",
    "click.traffic.seed": "seed: same seed and start, same records",
    "click.traffic.run.start": "epoch seconds of the first minute (default: continue, ending near now)",
    "click.traffic.run.intensity": "scale of unsolicited traffic (1.0 = a real EC2 public IP)",
    "click.traffic.run.scenario": "start a lab's scripted clients with this run: stolen-laptop or office-backup",
    "click.traffic.upload": "Upload synthetic flow log records to the bucket your flow log writes to (real AWS).",
    "click.traffic.upload.bucket": "the bucket your flow log writes to",
    "click.traffic.upload.prefix": "a separate folder for the synthetic records",
    # labkit progress, check, export-badge (hidden alias: labkit badge)
    "click.progress": "Your XP, the steps done and left, your badges.",
    "click.progress.json": 'print {{"xp": N, "badges": [...], "steps": [...]}}',
    "click.check": "Run the check of STEP (e.g. flowlogs.log_group) against the current target; exit 1 when it fails.",
    "click.check.answer": "the answer, for steps that ask a question",
    "click.export_badge": "Export an earned badge as SVG to PATH (a file, or a folder to put it in).",
    "click.export_badge.badge": "badge id",
    "click.export_badge.force": "replace the file if it exists",
    # labkit release
    "click.release": "Build the student notebooks/ from the worked solutions/ (instructors).",
    "click.release.check": "write nothing; exit 1 listing stale student copies and bilingual problems",
    "click.release.execute": "first re-run the solutions (fresh LABKIT_HOME) to refresh their outputs",
    "click.release.force": "overwrite student copies edited since their release",
    "click.release.source": "the worked notebooks",
    "click.release.dest": "the student copies",
    # labkit grade, verify-badge
    "click.grade": "Grade SUBMISSION... (folders of notebooks, .zip files, nbgrader submitted/ folders), each in a "
    "sandbox the grader owns; exit 1 when a submission could not be graded.",
    "click.grade.out": "where the gradebook, feedback pages and summary go",
    "click.grade.jobs": "submissions graded at once",
    "click.grade.force": "grade again submissions that did not change",
    "click.grade.cell_timeout": "seconds a cell may run",
    "click.grade.timeout": "seconds for one submission",
    "click.grade.issuer_key": "the instructor's private key that signs badges (default: $LABKIT_HOME/issuer-key.pem, "
    "made on first use; its public key is written beside it as .pub.pem)",
    "click.grade.not_graded": "{count} submissions could not be graded ({students}): their feedback pages say why.",
    "click.verify_badge": "Check a signed badge FILE (an .svg from labkit grade), offline.",
    "click.verify_badge.issuer_key": "the instructor's public key (issuer-key.pub.pem): without it, only that the "
    "badge is intact and signed by the key it carries",
    "click.verify_badge.student": "also check the badge was issued to this student id",
    # labkit cleanup, confirm-aws
    "click.cleanup": "Delete everything tagged labkit:course=vpc-flow-logs (and only that) in this account and "
    "region; exit 1 when something is left.",
    "click.cleanup.dry_run": "list what would be removed; delete nothing",
    "click.cleanup.wait": "seconds to wait for AWS to release a dependency",
    "click.confirm_aws": "Allow the labs to create billable resources in this AWS account and region.",
}
