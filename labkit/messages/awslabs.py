"""New strings of the `awslabs` branch (lab 03's course workgroup and synthetic records on AWS, lab 04's
cleanup of the Glue crawler, lab 02's scripted clients on AWS); folded into the catalogue at merge."""

MESSAGES = {
    "labs.synthetic_present": "s3://{bucket}/{prefix} already holds {files} synthetic flow-log file(s): the table "
    "reads those (nothing uploaded again).",
    "labs.synthetic_note": "On AWS there is no scripted attacker: these are the traffic model's records, under "
    "{prefix} and apart from what your flow log delivers under AWSLogs/, of the bastion as the demo built it "
    "(SSH open to the world, as before lab 02 left it to the administrator; your rules are not changed). "
    "The table reads them, and the checks grade your answers about them.",
    "labs.scripted_sandbox_only": "On AWS there is no {client}: it is a client the sandbox scripts, and nobody plays "
    "it on a real account. Nothing was changed and no traffic was sent; read this "
    "section, and its steps' XP ({steps}) is earned in the sandbox only.",
    "labs.client.stolen_laptop": "stolen laptop",
    "labs.client.office_backup": "office backup",
    "checks.note.create_course_workgroup": "The course uses a workgroup of its own and leaves the account's `primary` "
    "as it is: athena.create_work_group(Name='{workgroup}', "
    "Configuration={{'ResultConfiguration': {{'OutputLocation': "
    "'s3://RESULTS_BUCKET/'}}}}).",
    "checks.why.crawler_left": "Lab 03's Glue crawler {crawler} is still there (a schedule would run it, and bill "
    "it): glue.delete_crawler(Name='{crawler}').",
    "checks.why.roles_left": "IAM roles the course created are still there, with their permissions: {roles}. Detach "
    "and delete their policies, then delete them (iam.delete_role).",
    "checks.why.workgroup_left": "Lab 03's Athena workgroup {workgroup} is still there: "
    "athena.delete_work_group(WorkGroup='{workgroup}', RecursiveDeleteOption=True).",
    "checks.why.tables_left": "Lab 03's tables are still in the Glue Data Catalog: {tables} (glue.delete_table).",
    "checks.why.scenario_sandbox_only": "On AWS nobody plays the scenario {scenario}: its traffic, which this step is "
    "judged on, exists in the sandbox only, so the step earns its XP there (your "
    "rules are judged above all the same).",
    "aws_account.kind.classifier": "Glue classifier",
}
