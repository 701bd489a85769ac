"""The `labkit` command's help (labkit.bilingual_cli and labkit/<area>/commands.py): one key per command and
option, `click.<command>[.<option>]`; its exit codes; its usage-error line."""

MESSAGES = {
    # The command itself.
    "click.labkit": {
        "en": "labkit: the VPC Flow Logs and Athena course kit. Each command calls the library function of the "
              "same name; LABKIT_LANG=en|ko|both chooses the language of everything it prints.",
        "ko": "labkit: VPC 흐름 로그와 Athena 실습 도구입니다. 각 명령은 같은 이름의 라이브러리 함수를 호출합니다. "
              "LABKIT_LANG=en|ko|both로 출력 언어를 고릅니다.",
    },
    "click.exit_codes": {
        "en": "Exit codes:\n"
              "  0    done\n"
              "  1    done, and the answer is no: a check failed, stale student copies, resources left "
              "behind, no sandbox running, a submission that could not be graded\n"
              "  2    the command line is wrong (see --help)\n"
              "  3    labkit could not do the job; its message says what to fix\n"
              "  4    AWS refused a request or could not be reached\n"
              "  130  interrupted (Ctrl+C)",
        "ko": "종료 코드:\n"
              "  0    완료\n"
              "  1    완료했지만 결과가 '아니요'입니다: 확인 실패, 최신이 아닌 학생용 노트북, 남은 리소스, "
              "실행 중인 샌드박스 없음, 채점하지 못한 제출물\n"
              "  2    명령줄이 잘못되었습니다 (--help 참고)\n"
              "  3    labkit이 작업을 할 수 없었습니다. 고칠 방법은 메시지에 있습니다\n"
              "  4    AWS가 요청을 거부했거나 AWS에 연결할 수 없습니다\n"
              "  130  중단됨 (Ctrl+C)",
    },
    "click.help_option": {
        "en": "Show this help and exit.",
        "ko": "이 도움말을 보여 주고 끝냅니다.",
    },
    "click.usage_error": {
        "en": "Error: {detail} See `{command} --help`.",
        "ko": "오류: {detail} `{command} --help`를 참고하세요.",
    },
    "click.interrupted": {
        "en": "Interrupted.",
        "ko": "중단했습니다.",
    },
    # labkit sandbox
    "click.sandbox": {
        "en": "The local AWS sandbox of this LABKIT_HOME (127.0.0.1 only). Without a subcommand: serve it in the "
              "foreground until Ctrl+C, the three AWS_ lines first.",
        "ko": "이 LABKIT_HOME의 로컬 AWS 샌드박스입니다(127.0.0.1 전용). 하위 명령 없이 실행하면 Ctrl+C를 누를 때까지 "
              "포그라운드에서 실행하며, 먼저 AWS_ 변수 세 줄을 출력합니다.",
    },
    "click.sandbox.serve": {
        "en": "Serve in the foreground (scripts, CI) until Ctrl+C; the first three lines are AWS_ variables "
              "a shell can eval.",
        "ko": "Ctrl+C를 누를 때까지 포그라운드에서 실행합니다(스크립트, CI). 처음 세 줄은 셸이 eval할 수 있는 "
              "AWS_ 변수입니다.",
    },
    "click.sandbox.start": {
        "en": "Start this LABKIT_HOME's background sandbox (or find the running one), as labkit.start(...) does.",
        "ko": "이 LABKIT_HOME의 백그라운드 샌드박스를 시작합니다(실행 중이면 그것을 씁니다). labkit.start(...)와 같습니다.",
    },
    "click.sandbox.status": {
        "en": "Show the background sandbox's address, process and idle time; exit 1 when none runs.",
        "ko": "백그라운드 샌드박스의 주소, 프로세스, 유휴 시간을 보여 줍니다. 실행 중이 아니면 종료 코드 1입니다.",
    },
    "click.sandbox.stop": {
        "en": "Save the background sandbox's state and stop it; the next start restores it.",
        "ko": "백그라운드 샌드박스의 상태를 저장하고 멈춥니다. 다음에 시작하면 복원됩니다.",
    },
    "click.sandbox.reset": {
        "en": "Empty the sandbox: every resource, query, traffic record and answer is gone.",
        "ko": "샌드박스를 비웁니다. 모든 리소스, 쿼리, 트래픽 기록과 답안이 지워집니다.",
    },
    "click.sandbox.port": {
        "en": "port to bind when serving (0: a free port)",
        "ko": "실행할 때 사용할 포트 (0: 비어 있는 포트)",
    },
    "click.sandbox.seed": {
        "en": "seed for deterministic resource IDs",
        "ko": "리소스 ID를 결정적으로 만드는 시드",
    },
    # labkit environment (hidden alias: labkit env up|down)
    "click.environment": {
        "en": "The demo VPC the labs start from.",
        "ko": "실습이 시작하는 데모 VPC입니다.",
    },
    "click.environment.build": {
        "en": "Build the demo environment (idempotent: an existing one is found, not rebuilt).",
        "ko": "데모 환경을 만듭니다(이미 있으면 다시 만들지 않고 그대로 씁니다).",
    },
    "click.environment.teardown": {
        "en": "Delete the demo environment and everything in its VPC.",
        "ko": "데모 환경과 그 VPC 안의 모든 것을 삭제합니다.",
    },
    # labkit traffic
    "click.traffic": {
        "en": "Simulated internet traffic on the demo VPC.",
        "ko": "데모 VPC에 시뮬레이션된 인터넷 트래픽입니다.",
    },
    "click.traffic.run": {
        "en": "Simulate N minutes and deliver them to the active flow logs (a progress bar on long runs).",
        "ko": "N분을 시뮬레이션하고 활성 흐름 로그로 전송합니다(오래 걸리면 진행 막대를 보여 줍니다).",
    },
    "click.traffic.minutes": {
        "en": "simulated minutes",
        "ko": "시뮬레이션할 시간(분)",
    },
    "click.traffic.seed": {
        "en": "seed: same seed and start, same records",
        "ko": "시드: 시드와 시작 시각이 같으면 레코드도 같습니다",
    },
    "click.traffic.run.start": {
        "en": "epoch seconds of the first minute (default: continue, ending near now)",
        "ko": "첫 1분의 epoch 초 (기본값: 이어서 진행하여 지금 무렵에 끝남)",
    },
    "click.traffic.run.intensity": {
        "en": "scale of unsolicited traffic (1.0 = a real EC2 public IP)",
        "ko": "요청하지 않은 트래픽의 규모 (1.0 = 실제 EC2 퍼블릭 IP)",
    },
    "click.traffic.run.scenario": {
        "en": "start a lab's scripted clients with this run: stolen-laptop or office-backup",
        "ko": "이번 실행과 함께 실습의 스크립트 클라이언트를 시작합니다: stolen-laptop 또는 office-backup",
    },
    "click.traffic.upload": {
        "en": "Upload synthetic flow log records to the bucket your flow log writes to (real AWS).",
        "ko": "흐름 로그가 기록하는 버킷에 합성 흐름 로그 레코드를 업로드합니다(실제 AWS).",
    },
    "click.traffic.upload.bucket": {
        "en": "the bucket your flow log writes to",
        "ko": "흐름 로그가 기록하는 버킷",
    },
    "click.traffic.upload.prefix": {
        "en": "a separate folder for the synthetic records",
        "ko": "합성 레코드를 넣을 별도 폴더",
    },
    # labkit progress, check, export-badge (hidden alias: labkit badge)
    "click.progress": {
        "en": "Your XP, the steps done and left, your badges.",
        "ko": "XP, 완료한 단계와 남은 단계, 배지를 보여 줍니다.",
    },
    "click.progress.json": {
        "en": 'print {{"xp": N, "badges": [...], "steps": [...]}}',
        "ko": '{{"xp": N, "badges": [...], "steps": [...]}} 형식으로 출력',
    },
    "click.check": {
        "en": "Run the check of STEP (e.g. flowlogs.log_group) against the current target; exit 1 when it fails.",
        "ko": "현재 대상에 대해 STEP(예: flowlogs.log_group)의 확인을 실행합니다. 통과하지 못하면 종료 코드 1입니다.",
    },
    "click.check.answer": {
        "en": "the answer, for steps that ask a question",
        "ko": "질문하는 단계의 답",
    },
    "click.export_badge": {
        "en": "Export an earned badge as SVG to PATH (a file, or a folder to put it in).",
        "ko": "받은 배지를 SVG로 PATH(파일, 또는 저장할 폴더)에 내보냅니다.",
    },
    "click.export_badge.badge": {
        "en": "badge id",
        "ko": "배지 ID",
    },
    "click.export_badge.force": {
        "en": "replace the file if it exists",
        "ko": "파일이 있으면 바꿉니다",
    },
    # labkit release
    "click.release": {
        "en": "Build the student notebooks/ from the worked solutions/ (instructors).",
        "ko": "풀이 노트북(solutions/)에서 학생용 노트북(notebooks/)을 만듭니다(강사용).",
    },
    "click.release.check": {
        "en": "write nothing; exit 1 listing stale student copies and bilingual problems",
        "ko": "아무것도 쓰지 않고, 최신이 아닌 학생용 노트북과 이중 언어 문제를 나열하며 종료 코드 1로 끝냅니다",
    },
    "click.release.execute": {
        "en": "first re-run the solutions (fresh LABKIT_HOME) to refresh their outputs",
        "ko": "먼저 풀이 노트북을 다시 실행하여(새 LABKIT_HOME) 출력을 새로 고칩니다",
    },
    "click.release.force": {
        "en": "overwrite student copies edited since their release",
        "ko": "배포 후 수정된 학생용 노트북도 덮어씁니다",
    },
    "click.release.source": {
        "en": "the worked notebooks",
        "ko": "풀이 노트북 폴더",
    },
    "click.release.dest": {
        "en": "the student copies",
        "ko": "학생용 노트북 폴더",
    },
    # labkit grade, verify-badge
    "click.grade": {
        "en": "Grade SUBMISSION... (folders of notebooks, .zip files, nbgrader submitted/ folders), each in a "
              "sandbox the grader owns; exit 1 when a submission could not be graded.",
        "ko": "SUBMISSION...(노트북 폴더, .zip 파일, nbgrader submitted/ 폴더)을 채점기가 소유한 샌드박스에서 "
              "하나씩 채점합니다. 채점하지 못한 제출물이 있으면 종료 코드 1입니다.",
    },
    "click.grade.out": {
        "en": "where the gradebook, feedback pages and summary go",
        "ko": "성적부, 피드백 페이지, 요약을 저장할 폴더",
    },
    "click.grade.jobs": {
        "en": "submissions graded at once",
        "ko": "동시에 채점할 제출물 수",
    },
    "click.grade.force": {
        "en": "grade again submissions that did not change",
        "ko": "바뀌지 않은 제출물도 다시 채점합니다",
    },
    "click.grade.cell_timeout": {
        "en": "seconds a cell may run",
        "ko": "셀 하나가 실행될 수 있는 시간(초)",
    },
    "click.grade.timeout": {
        "en": "seconds for one submission",
        "ko": "제출물 하나에 주는 시간(초)",
    },
    "click.grade.issuer_key": {
        "en": "the instructor's private key that signs badges (default: $LABKIT_HOME/issuer-key.pem, made on "
              "first use; its public key is written beside it as .pub.pem)",
        "ko": "배지에 서명하는 강사의 개인 키 (기본값: $LABKIT_HOME/issuer-key.pem, 처음 쓸 때 만들어지며 "
              "공개 키는 옆에 .pub.pem으로 저장됩니다)",
    },
    "click.grade.not_graded": {
        "en": "{count} submissions could not be graded ({students}): their feedback pages say why.",
        "ko": "제출물 {count}개를 채점하지 못했습니다({students}). 이유는 각 피드백 페이지에 있습니다.",
    },
    "click.verify_badge": {
        "en": "Check a signed badge FILE (an .svg from labkit grade), offline.",
        "ko": "서명된 배지 FILE(labkit grade가 만든 .svg)을 오프라인으로 검증합니다.",
    },
    "click.verify_badge.issuer_key": {
        "en": "the instructor's public key (issuer-key.pub.pem): without it, only that the badge is intact "
              "and signed by the key it carries",
        "ko": "강사의 공개 키(issuer-key.pub.pem). 없으면 배지가 손상되지 않았고 배지에 든 키로 서명되었는지만 "
              "검증합니다",
    },
    "click.verify_badge.student": {
        "en": "also check the badge was issued to this student id",
        "ko": "이 학생 ID에게 발급된 배지인지도 검증합니다",
    },
    # labkit cleanup, confirm-aws
    "click.cleanup": {
        "en": "Delete everything tagged labkit:course=vpc-flow-logs (and only that) in this account and region; "
              "exit 1 when something is left.",
        "ko": "이 계정과 리전에서 labkit:course=vpc-flow-logs 태그가 붙은 것(그것만)을 모두 삭제합니다. "
              "남은 것이 있으면 종료 코드 1입니다.",
    },
    "click.cleanup.dry_run": {
        "en": "list what would be removed; delete nothing",
        "ko": "삭제할 대상을 나열만 하고 아무것도 삭제하지 않습니다",
    },
    "click.cleanup.wait": {
        "en": "seconds to wait for AWS to release a dependency",
        "ko": "AWS가 종속 리소스를 해제하기를 기다릴 시간(초)",
    },
    "click.confirm_aws": {
        "en": "Allow the labs to create billable resources in this AWS account and region.",
        "ko": "실습이 이 AWS 계정과 리전에 요금이 부과되는 리소스를 만들도록 허용합니다.",
    },
}
