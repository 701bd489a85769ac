"""A real AWS account: who and where, what the labs cost, the one confirmation, and `labkit cleanup`.

Korean: "confirm" is 승인 (확인 is the course's word for a check); identity is 자격 증명, as in IAM's
Korean documentation.
"""

_KINDS = {
    "flow_log": ("flow log", "흐름 로그"),
    "alarm": ("alarm", "경보"),
    "topic": ("SNS topic", "SNS 주제"),
    "queue": ("SQS queue", "SQS 대기열"),
    "metric_filter": ("metric filter", "지표 필터"),
    "log_group": ("log group", "로그 그룹"),
    "crawler": ("Glue crawler", "Glue 크롤러"),
    "glue_table": ("Glue table", "Glue 테이블"),
    "glue_database": ("Glue database", "Glue 데이터베이스"),
    "workgroup": ("Athena workgroup", "Athena 작업 그룹"),
    "instance": ("EC2 instance", "EC2 인스턴스"),
    "elastic_ip": ("Elastic IP address", "탄력적 IP 주소"),
    "network_interface": ("network interface", "네트워크 인터페이스"),
    "volume": ("EBS volume", "EBS 볼륨"),
    "security_group": ("security group", "보안 그룹"),
    "subnet": ("subnet", "서브넷"),
    "route_table": ("route table", "라우팅 테이블"),
    "network_acl": ("network ACL", "네트워크 ACL"),
    "internet_gateway": ("internet gateway", "인터넷 게이트웨이"),
    "vpc": ("VPC", "VPC"),
    "role": ("IAM role", "IAM 역할"),
    "bucket": ("S3 bucket", "S3 버킷"),
    "search": ("listing", "목록"),
}

_COST_WHY = {
    "00-welcome": (
        "Reads only (who you are, your bucket list): free.",
        "읽기만 합니다(내 자격 증명, 버킷 목록). 무료입니다."),
    "01-flow-logs": (
        "Builds the demo VPC without a NAT gateway, two t3.micro instances with a public IPv4 address for the "
        "bastion, two flow logs, a bucket, a role and a log group: about an hour of instances and log data.",
        "NAT 게이트웨이 없는 데모 VPC, 배스천 호스트용 퍼블릭 IPv4 주소가 있는 t3.micro 인스턴스 2개, 흐름 로그 2개, "
        "버킷, 역할, 로그 그룹을 만듭니다. 인스턴스와 로그 데이터 약 1시간 분량입니다."),
    "02-reading-flow-logs": (
        "About an hour more of the same environment; reading S3 and CloudWatch Logs, one network ACL entry, a "
        "metric filter, an alarm ($0.10 a month), an SNS topic, an SQS queue and a few Logs Insights queries cost "
        "next to nothing.",
        "같은 환경을 약 1시간 더 씁니다. S3와 CloudWatch Logs 읽기, 네트워크 ACL 항목 하나, 지표 필터, 경보(한 달에 "
        "$0.10), SNS 주제, SQS 대기열, Logs Insights 쿼리 몇 개에는 비용이 거의 들지 않습니다."),
    "03-athena": (
        "About an hour more, and Athena at $5 per TB scanned with a 10 MB minimum per query: "
        "100 queries cost about half a cent.",
        "약 1시간 더 쓰고, Athena는 스캔한 데이터 1 TB당 $5(쿼리당 최소 10 MB)라서 쿼리 100개에 약 0.5센트입니다."),
    "04-cleanup": (
        "Deleting is free; the instances run for a last quarter of an hour.",
        "삭제는 무료입니다. 인스턴스가 마지막으로 15분쯤 더 실행됩니다."),
}

MESSAGES = {
    "aws_account.refused_in_ci": {
        "en": "CI is set: labkit does not use a real AWS account in a CI run. Unset LABKIT_TARGET, or set "
              "{variable}=1 if this run really must create billable resources.",
        "ko": "CI 환경 변수가 설정되어 있어 labkit은 CI 실행에서 실제 AWS 계정을 쓰지 않습니다. LABKIT_TARGET 설정을 "
              "지우거나, 이 실행이 정말 비용이 드는 리소스를 만들어야 한다면 {variable}=1을 설정하세요.",
    },
    "aws_account.not_confirmed": {
        "en": "Nothing billable is created in AWS account {account}, region {region} until you confirm once: "
              "run `labkit.confirm_aws()` (or `labkit.start(lab, confirm_aws=True)`; in a terminal "
              "`labkit confirm-aws`).",
        "ko": "AWS 계정 {account}, 리전 {region}에서는 한 번 승인하기 전까지 비용이 드는 리소스를 만들지 않습니다. "
              "`labkit.confirm_aws()`를 실행하세요(또는 `labkit.start(lab, confirm_aws=True)`, 터미널에서는 "
              "`labkit confirm-aws`).",
    },
    "aws_account.no_identity": {
        "en": "labkit cannot tell which AWS account these credentials belong to ({detail}). Sign in as you "
              "usually do (AWS_PROFILE, `aws sso login`, or access keys) and check with `aws sts get-caller-identity`.",
        "ko": "이 자격 증명이 어느 AWS 계정의 것인지 알 수 없습니다({detail}). 평소처럼 로그인한 뒤(AWS_PROFILE, "
              "`aws sso login` 또는 액세스 키) `aws sts get-caller-identity`로 확인하세요.",
    },
    "aws_account.sandbox_nothing_to_confirm": {
        "en": "You are on the local sandbox: nothing costs money, so there is nothing to confirm.",
        "ko": "로컬 샌드박스에서 실행 중입니다. 비용이 들지 않으므로 승인할 것이 없습니다.",
    },
    "aws_account.notice_title": {
        "en": "These labs run on a real AWS account: they create resources that cost money.",
        "ko": "이 실습은 실제 AWS 계정에서 실행되며, 비용이 드는 리소스를 만듭니다.",
    },
    "aws_account.identity": {
        "en": "Account {account}, region {region}, identity {arn}.",
        "ko": "계정 {account}, 리전 {region}, 자격 증명 {arn}.",
    },
    "aws_account.costs_title": {
        "en": "What each lab costs, roughly (us-east-1 on-demand prices; an account in its free tier pays less):",
        "ko": "실습별 대략적인 비용(us-east-1 온디맨드 요금 기준, 프리 티어 계정은 더 적게 듭니다):",
    },
    "aws_account.lab_cost": {
        "en": "  Lab {lab}: {cost}. {why}",
        "ko": "  실습 {lab}: {cost}. {why}",
    },
    "aws_account.course_cost": {
        "en": "The whole course in one sitting, cleaned up at the end: {total}.",
        "ko": "전체 과정을 한 번에 마치고 끝에 정리하면 {total}입니다.",
    },
    "aws_account.left_running": {
        "en": "Left running, the demo environment costs {day} a day: clean up when you are done "
              "(lab 04, or `labkit cleanup`).",
        "ko": "데모 환경을 그대로 두면 하루에 {day}의 비용이 듭니다. 끝나면 정리하세요(실습 04 또는 `labkit cleanup`).",
    },
    "aws_account.tagged": {
        "en": "Everything the labs create is tagged labkit:course=vpc-flow-logs; `labkit cleanup` deletes exactly "
              "that (`labkit cleanup --dry-run` lists it first).",
        "ko": "실습이 만드는 모든 리소스에는 labkit:course=vpc-flow-logs 태그가 붙습니다. `labkit cleanup`은 정확히 "
              "그것만 삭제합니다(`labkit cleanup --dry-run`으로 먼저 목록을 볼 수 있습니다).",
    },
    "aws_account.how_to_confirm": {
        "en": "Nothing billable is created until you confirm once for this account and region: run "
              "`labkit.confirm_aws()`, or start with `labkit.start(\"{lab}\", confirm_aws=True)`.",
        "ko": "이 계정과 리전에 대해 한 번 승인하기 전까지 비용이 드는 리소스는 만들지 않습니다. "
              "`labkit.confirm_aws()`를 실행하거나 `labkit.start(\"{lab}\", confirm_aws=True)`로 시작하세요.",
    },
    "aws_account.confirmed": {
        "en": "Using AWS account {account}, region {region}, as {arn} (confirmed {time}): the labs create real, "
              "billable resources here.",
        "ko": "AWS 계정 {account}, 리전 {region}, 자격 증명 {arn:을} 사용합니다({time}에 승인함). 실습이 여기에 실제로 "
              "비용이 드는 리소스를 만듭니다.",
    },
    "aws_account.just_confirmed": {
        "en": "Confirmed: the labs may now create resources in AWS account {account}, region {region} "
              "(as {arn}, {time}). This LABKIT_HOME remembers it for this account and region.",
        "ko": "승인했습니다. 이제 실습이 AWS 계정 {account}, 리전 {region}에 리소스를 만들 수 있습니다"
              "({arn}, {time}). 이 LABKIT_HOME이 이 계정과 리전에 대해 기억합니다.",
    },
    "aws_account.bucket_untagged": {
        "en": "Could not tag bucket {bucket} ({code}): `labkit cleanup` will not find it, so delete it yourself "
              "when you are done.",
        "ko": "버킷 {bucket}에 태그를 붙이지 못했습니다({code}). `labkit cleanup`이 이 버킷을 찾지 못하므로, 끝나면 "
              "직접 삭제하세요.",
    },
    "aws_account.cleanup.title": {
        "en": "Removing what the course created in account {account}, region {region}:",
        "ko": "계정 {account}, 리전 {region}에서 이 과정이 만든 리소스를 삭제합니다:",
    },
    "aws_account.cleanup.title_dry": {
        "en": "Dry run, nothing is deleted. In account {account}, region {region}, cleanup would remove:",
        "ko": "시험 실행이므로 아무것도 삭제하지 않습니다. 계정 {account}, 리전 {region}에서 정리하면 삭제될 리소스:",
    },
    "aws_account.cleanup.removed": {
        "en": "  removed {kind} {name}{objects}",
        "ko": "  삭제함: {kind} {name}{objects}",
    },
    "aws_account.cleanup.would_remove": {
        "en": "  would remove {kind} {name}{objects}",
        "ko": "  삭제 예정: {kind} {name}{objects}",
    },
    "aws_account.cleanup.failed": {
        "en": "  could not remove {kind} {name}: {code} {detail}",
        "ko": "  삭제하지 못함: {kind} {name}: {code} {detail}",
    },
    "aws_account.cleanup.search_failed": {
        "en": "  could not list {name}: {code} {detail} (what it would have found is not removed)",
        "ko": "  목록을 가져오지 못함: {name}: {code} {detail} (여기서 찾았을 리소스는 삭제하지 않습니다)",
    },
    "aws_account.cleanup.objects": {
        "en": " ({count} object versions)",
        "ko": " (객체 버전 {count}개)",
    },
    "aws_account.cleanup.nothing": {
        "en": "Nothing tagged labkit:course=vpc-flow-logs is left in account {account}, region {region}: "
              "nothing to remove.",
        "ko": "계정 {account}, 리전 {region}에 labkit:course=vpc-flow-logs 태그가 붙은 리소스가 남아 있지 않습니다. "
              "삭제할 것이 없습니다.",
    },
    "aws_account.cleanup.summary_ok": {
        "en": "{removed} removed; nothing the course created is left here.",
        "ko": "{removed}개를 삭제했습니다. 이 과정이 만든 리소스는 여기에 더 남아 있지 않습니다.",
    },
    "aws_account.cleanup.summary": {
        "en": "{removed} removed, {failed} could not be removed.",
        "ko": "{removed}개를 삭제했고, {failed}개는 삭제하지 못했습니다.",
    },
    "aws_account.cleanup.summary_dry": {
        "en": "{count} would be removed: run `labkit cleanup` without --dry-run to remove them.",
        "ko": "{count}개가 삭제될 예정입니다. 삭제하려면 --dry-run 없이 `labkit cleanup`을 실행하세요.",
    },
    "aws_account.cleanup.retry": {
        "en": "Run `labkit cleanup` again once the cause is fixed: it removes only what is still there.",
        "ko": "원인을 해결한 뒤 `labkit cleanup`을 다시 실행하세요. 아직 남아 있는 것만 삭제합니다.",
    },
}
MESSAGES.update({f"aws_account.kind.{kind}": {"en": en, "ko": ko} for kind, (en, ko) in _KINDS.items()})
MESSAGES.update({f"aws_account.cost_why.{lab}": {"en": en, "ko": ko} for lab, (en, ko) in _COST_WHY.items()})
