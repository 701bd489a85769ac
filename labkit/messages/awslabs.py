"""New strings of the `awslabs` branch (lab 03's course workgroup and synthetic records on AWS, lab 04's
cleanup of the Glue crawler, lab 02's scripted clients on AWS); folded into the catalogue at merge."""

MESSAGES = {
    "labs.synthetic_present": {
        "en": "s3://{bucket}/{prefix} already holds {files} synthetic flow-log file(s): the table reads those "
              "(nothing uploaded again).",
        "ko": "s3://{bucket}/{prefix}에 합성 흐름 로그 파일 {files}개가 이미 있습니다. 테이블은 그 파일을 읽습니다"
              "(다시 올리지 않았습니다).",
    },
    "labs.synthetic_note": {
        "en": "On AWS there is no scripted attacker: these are the traffic model's records, under {prefix} and "
              "apart from what your flow log delivers under AWSLogs/. The table reads them, and the checks grade "
              "your answers about them.",
        "ko": "AWS에는 스크립트로 움직이는 공격자가 없습니다. 이 레코드는 트래픽 모델이 만든 것으로, 흐름 로그가 "
              "AWSLogs/ 아래에 전송하는 것과 따로 {prefix} 아래에 있습니다. 테이블은 이 레코드를 읽고, 확인은 이 "
              "레코드에 대한 답을 채점합니다.",
    },
    "labs.scripted_sandbox_only": {
        "en": "On AWS there is no {client}: it is a client the sandbox scripts, and nobody plays it on a real "
              "account. Nothing was changed and no traffic was sent; read this section, and its steps' XP "
              "({steps}) is earned in the sandbox only.",
        "ko": "AWS에는 {client:이} 없습니다. 샌드박스가 스크립트로 움직이는 클라이언트라서 실제 계정에서는 아무도 그 "
              "역할을 하지 않습니다. 아무것도 바꾸지 않았고 트래픽도 보내지 않았습니다. 이 절은 읽어 보기만 하세요. "
              "이 단계들의 XP({steps})는 샌드박스에서만 받을 수 있습니다.",
    },
    "labs.client.stolen_laptop": {"en": "stolen laptop", "ko": "도난당한 노트북"},
    "labs.client.office_backup": {"en": "office backup", "ko": "사무실 백업"},
    "checks.note.create_course_workgroup": {
        "en": "The course uses a workgroup of its own and leaves the account's `primary` as it is: "
              "athena.create_work_group(Name='{workgroup}', Configuration={{'ResultConfiguration': "
              "{{'OutputLocation': 's3://RESULTS_BUCKET/'}}}}).",
        "ko": "이 과정은 전용 작업 그룹을 쓰고 계정의 `primary`는 그대로 둡니다: "
              "athena.create_work_group(Name='{workgroup}', Configuration={{'ResultConfiguration': "
              "{{'OutputLocation': 's3://RESULTS_BUCKET/'}}}}).",
    },
    "checks.why.crawler_left": {
        "en": "Lab 03's Glue crawler {crawler} is still there (a schedule would run it, and bill it): "
              "glue.delete_crawler(Name='{crawler}').",
        "ko": "실습 03의 Glue 크롤러 {crawler:이} 아직 있습니다(일정이 있으면 실행되고 요금이 붙습니다): "
              "glue.delete_crawler(Name='{crawler}').",
    },
    "checks.why.roles_left": {
        "en": "IAM roles the course created are still there, with their permissions: {roles}. Detach and delete "
              "their policies, then delete them (iam.delete_role).",
        "ko": "과정에서 만든 IAM 역할이 권한과 함께 아직 있습니다: {roles}. 정책을 분리하고 삭제한 다음 역할을 "
              "삭제하세요(iam.delete_role).",
    },
    "checks.why.workgroup_left": {
        "en": "Lab 03's Athena workgroup {workgroup} is still there: "
              "athena.delete_work_group(WorkGroup='{workgroup}', RecursiveDeleteOption=True).",
        "ko": "실습 03의 Athena 작업 그룹 {workgroup:이} 아직 있습니다: "
              "athena.delete_work_group(WorkGroup='{workgroup}', RecursiveDeleteOption=True).",
    },
    "checks.why.tables_left": {
        "en": "Lab 03's tables are still in the Glue Data Catalog: {tables} (glue.delete_table).",
        "ko": "실습 03의 테이블이 아직 Glue 데이터 카탈로그에 있습니다: {tables} (glue.delete_table).",
    },
    "checks.why.scenario_sandbox_only": {
        "en": "On AWS nobody plays the scenario {scenario}: its traffic, which this step is judged on, exists in "
              "the sandbox only, so the step earns its XP there (your rules are judged above all the same).",
        "ko": "AWS에서는 시나리오 {scenario}의 클라이언트 역할을 아무도 하지 않습니다. 이 단계를 판단하는 트래픽은 "
              "샌드박스에만 있으므로 XP도 샌드박스에서만 받습니다(규칙은 똑같이 위에서 판단합니다).",
    },
    "aws_account.kind.classifier": {"en": "Glue classifier", "ko": "Glue 분류자"},
}
