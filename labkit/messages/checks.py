"""Checks: lab and step titles, hints, what is missing, and how a result reads."""

_LABS = {
    "checks.lab.00-welcome": ("Welcome: flow logs, the sandbox and XP", "환영합니다: 흐름 로그, 샌드박스, XP"),
    "checks.lab.01-flow-logs": ("Creating flow logs", "흐름 로그 만들기"),
    "checks.lab.02-reading-flow-logs": ("Reading flow logs", "흐름 로그 읽기"),
    "checks.lab.03-athena": ("Querying flow logs with Athena", "Athena로 흐름 로그 쿼리하기"),
    "checks.lab.04-cleanup": ("Cleaning up", "정리하기"),
}

# step id -> (title en, title ko, hint en, hint ko)
_STEPS = {
    "welcome.connected": (
        "Connected to AWS (sandbox or your account): which account",
        "AWS에 연결됨 (샌드박스 또는 내 계정): 어느 계정인지",
        "Run `lab = labkit.start(...)` first (for a real account set LABKIT_TARGET=aws and unset AWS_ENDPOINT_URL), then ask STS: boto3.client('sts').get_caller_identity()['Account'] is the answer.",
        "먼저 `lab = labkit.start(...)`를 실행하고(실제 계정을 쓰려면 LABKIT_TARGET=aws로 설정하고 AWS_ENDPOINT_URL은 지우세요) STS에 물어보세요. boto3.client('sts').get_caller_identity()['Account']가 답입니다.",
    ),
    "flowlogs.demo_vpc": (
        "Demo VPC with its bastion host",
        "배스천 호스트가 있는 데모 VPC",
        "Build the demo environment (VPC tagged Name=labkit-demo-vpc, instance labkit-bastion with a public IP).",
        "데모 환경을 만드세요 (Name=labkit-demo-vpc 태그가 붙은 VPC, 퍼블릭 IP가 있는 labkit-bastion 인스턴스).",
    ),
    "flowlogs.bucket": (
        "S3 bucket for flow logs",
        "흐름 로그용 S3 버킷",
        "Create the bucket in the lab's region: s3.create_bucket(Bucket=bucket_name) (outside us-east-1 add a CreateBucketConfiguration).",
        "실습 리전에 버킷을 만드세요: s3.create_bucket(Bucket=bucket_name) (us-east-1이 아니면 CreateBucketConfiguration을 추가).",
    ),
    "flowlogs.s3_flow_log": (
        "Flow log DemoS3FlowLog to S3",
        "S3로 보내는 흐름 로그 DemoS3FlowLog",
        "ec2.create_flow_logs on the demo VPC with LogDestinationType='s3', the bucket's ARN, TrafficType ALL (or REJECT), MaxAggregationInterval=60, the default format, and a Name tag DemoS3FlowLog.",
        "데모 VPC에 ec2.create_flow_logs를 호출하세요: LogDestinationType='s3', 버킷 ARN, TrafficType은 ALL(또는 REJECT), MaxAggregationInterval=60, 기본 형식, Name 태그 DemoS3FlowLog.",
    ),
    "flowlogs.bucket_policy": (
        "Where the bucket policy lets log delivery write",
        "버킷 정책이 로그 전송 서비스에 쓰기를 허용한 곳",
        "Read the policy, json.loads(s3.get_bucket_policy(Bucket=bucket)['Policy']), find the statement whose Action is s3:PutObject, and answer with its Resource. AWS attached the policy when you created DemoS3FlowLog; if it is gone or changed, delete that flow log and create it again.",
        "정책을 읽고(json.loads(s3.get_bucket_policy(Bucket=bucket)['Policy'])) Action이 s3:PutObject인 문을 찾아 그 Resource로 답하세요. 정책은 DemoS3FlowLog를 만들 때 AWS가 붙였습니다. 정책이 없거나 바뀌었다면 그 흐름 로그를 삭제하고 다시 만드세요.",
    ),
    "flowlogs.role": (
        "IAM role flowlogsrole for CloudWatch Logs delivery",
        "CloudWatch Logs 전송용 IAM 역할 flowlogsrole",
        "Create role flowlogsrole whose trust policy lets the service vpc-flow-logs.amazonaws.com call sts:AssumeRole, and attach CloudWatchLogsFullAccess (or a policy with logs:CreateLogStream and logs:PutLogEvents).",
        "신뢰 정책에서 vpc-flow-logs.amazonaws.com 서비스가 sts:AssumeRole을 할 수 있는 역할 flowlogsrole을 만들고 CloudWatchLogsFullAccess(또는 logs:CreateLogStream, logs:PutLogEvents가 있는 정책)를 연결하세요.",
    ),
    "flowlogs.log_group": (
        "Log group VPCFlowLogs with 1-day retention",
        "보존 기간 1일의 로그 그룹 VPCFlowLogs",
        "logs.create_log_group(logGroupName='VPCFlowLogs'), then logs.put_retention_policy(logGroupName='VPCFlowLogs', retentionInDays=1).",
        "logs.create_log_group(logGroupName='VPCFlowLogs') 다음에 logs.put_retention_policy(logGroupName='VPCFlowLogs', retentionInDays=1)를 실행하세요.",
    ),
    "flowlogs.cwl_flow_log": (
        "Flow log 'DemoFlowLog CloudWatch Logs'",
        "흐름 로그 'DemoFlowLog CloudWatch Logs'",
        "ec2.create_flow_logs on the demo VPC with LogDestinationType='cloud-watch-logs', LogGroupName='VPCFlowLogs', DeliverLogsPermissionArn of flowlogsrole, TrafficType ALL, MaxAggregationInterval=60, Name tag 'DemoFlowLog CloudWatch Logs'.",
        "데모 VPC에 ec2.create_flow_logs를 호출하세요: LogDestinationType='cloud-watch-logs', LogGroupName='VPCFlowLogs', flowlogsrole의 DeliverLogsPermissionArn, TrafficType ALL, MaxAggregationInterval=60, Name 태그 'DemoFlowLog CloudWatch Logs'.",
    ),
    "reading.s3_objects": (
        "A delivered flow-log object in S3",
        "S3에 전송된 흐름 로그 객체",
        "List the bucket under AWSLogs/ with s3.list_objects_v2 and give the Key of one .log.gz file as the answer.",
        "s3.list_objects_v2로 버킷의 AWSLogs/ 아래를 나열하고 .log.gz 파일 하나의 Key를 답으로 주세요.",
    ),
    "reading.bastion_eni": (
        "The bastion's network interface",
        "배스천의 네트워크 인터페이스",
        "ec2.describe_instances with the filter tag:Name=labkit-bastion; the answer is NetworkInterfaces[0]['NetworkInterfaceId'].",
        "tag:Name=labkit-bastion 필터로 ec2.describe_instances를 호출하세요. 답은 NetworkInterfaces[0]['NetworkInterfaceId']입니다.",
    ),
    "reading.top_attacker": (
        "The address with the most rejected attempts",
        "거부된 시도가 가장 많은 주소",
        "Count REJECT records on the bastion's ENI by srcaddr (the CloudWatch Logs stream or the S3 files) and answer with the top address.",
        "배스천 ENI의 REJECT 레코드를 srcaddr별로 세고(CloudWatch Logs 스트림이나 S3 파일) 가장 많은 주소를 답하세요.",
    ),
    "reading.nacl_block": (
        "Network ACL blocks the worst attacker, and only it",
        "네트워크 ACL로 가장 활발한 공격자만 차단",
        "Add an inbound DENY entry for ATTACKER/32 to the bastion subnet's network ACL with a rule number lower than the ALLOW rules (e.g. 90); keep SSH from the admin and the return traffic on ports 1024-65535 allowed. A rule number is used once: to change an entry, ec2.replace_network_acl_entry.",
        "배스천 서브넷의 네트워크 ACL에 공격자/32에 대한 인바운드 DENY 항목을 ALLOW 규칙보다 낮은 규칙 번호(예: 90)로 추가하세요. 관리자의 SSH와 1024-65535 포트의 응답 트래픽은 계속 허용해야 합니다. 규칙 번호는 한 번만 쓸 수 있으니 항목을 바꾸려면 ec2.replace_network_acl_entry를 쓰세요.",
    ),
    "firewall.sg_revoked": (
        "The stolen laptop's security-group rule removed, its open session still flowing",
        "도난당한 노트북의 보안 그룹 규칙을 제거했지만 열린 세션은 계속 흐름",
        "Revoke the inbound rule that lets 198.51.100.23/32 reach port 22 (ec2.revoke_security_group_ingress), then run the traffic again: the session the security group already tracks keeps flowing, new connections are refused.",
        "198.51.100.23/32가 22번 포트에 닿게 하는 인바운드 규칙을 취소한 뒤(ec2.revoke_security_group_ingress) 트래픽을 다시 실행하세요. 보안 그룹이 이미 추적하는 세션은 계속 흐르고, 새 연결은 거부됩니다.",
    ),
    "firewall.nacl_cut": (
        "A network ACL deny that cuts the stolen laptop's session at once",
        "도난당한 노트북의 세션을 바로 끊는 네트워크 ACL 거부 규칙",
        "Add an inbound DENY entry for 198.51.100.23/32 to the bastion subnet's network ACL with a number below its ALLOW rules (ec2.create_network_acl_entry), then run the traffic again.",
        "배스천 서브넷의 네트워크 ACL에 198.51.100.23/32에 대한 인바운드 DENY 항목을 ALLOW 규칙보다 작은 번호로 추가한 뒤(ec2.create_network_acl_entry) 트래픽을 다시 실행하세요.",
    ),
    "firewall.reject_flow_log": (
        "A flow log that records only REJECT traffic",
        "REJECT 트래픽만 기록하는 흐름 로그",
        "ec2.create_flow_logs on the demo VPC with TrafficType='REJECT', to S3 in a folder of its own (LogDestination 'arn:aws:s3:::BUCKET/rejects'), MaxAggregationInterval=60 and a Name tag.",
        "데모 VPC에 ec2.create_flow_logs를 호출하세요: TrafficType='REJECT', 자기만의 폴더가 있는 S3 대상(LogDestination 'arn:aws:s3:::BUCKET/rejects'), MaxAggregationInterval=60, Name 태그.",
    ),
    "firewall.blocking_rule": (
        "The network ACL rule that refuses the office backup",
        "사무실 백업을 거부하는 네트워크 ACL 규칙",
        "In the REJECT-only records of the office's address, see which direction is refused and to which port; then read the ACL's rules of that direction in number order: the first that matches decides. Answer with its rule number.",
        "사무실 주소의 REJECT 전용 레코드에서 어느 방향이 어느 포트로 거부되는지 보세요. 그다음 그 방향의 ACL 규칙을 번호 순서로 읽으면 처음 일치하는 규칙이 결정합니다. 그 규칙 번호를 답하세요.",
    ),
    "firewall.office_fixed": (
        "The office backup goes through again",
        "사무실 백업이 다시 통과함",
        "Let the bastion's replies out to the office's ephemeral ports: an outbound ALLOW for TCP 1024-65535 to 198.51.100.7/32 numbered before the rule that denies them, then run the traffic again.",
        "배스천의 응답이 사무실의 임시 포트로 나가게 하세요. 응답을 거부하는 규칙보다 앞 번호로 198.51.100.7/32에 TCP 1024-65535를 허용하는 아웃바운드 ALLOW를 추가한 뒤 트래픽을 다시 실행하세요.",
    ),
    "athena.result_location": (
        "Athena query result location",
        "Athena 쿼리 결과 위치",
        "Create a bucket for results and set it on the primary workgroup: athena.update_work_group(WorkGroup='primary', ConfigurationUpdates={{'ResultConfigurationUpdates': {{'OutputLocation': 's3://BUCKET/'}}}}).",
        "결과용 버킷을 만들고 primary 작업 그룹에 지정하세요: athena.update_work_group(WorkGroup='primary', ConfigurationUpdates={{'ResultConfigurationUpdates': {{'OutputLocation': 's3://BUCKET/'}}}}).",
    ),
    "athena.table": (
        "Partitioned table vpc_flow_logs",
        "파티션된 테이블 vpc_flow_logs",
        "Run the tutorial's CREATE EXTERNAL TABLE vpc_flow_logs with the 14 default columns, PARTITIONED BY (`date` date), LOCATION 's3://BUCKET/AWSLogs/ACCOUNT/vpcflowlogs/REGION/' and skip.header.line.count=1.",
        "튜토리얼의 CREATE EXTERNAL TABLE vpc_flow_logs를 실행하세요: 기본 14개 열, PARTITIONED BY (`date` date), LOCATION 's3://BUCKET/AWSLogs/ACCOUNT/vpcflowlogs/REGION/', skip.header.line.count=1.",
    ),
    "athena.partition": (
        "A partition that holds flow logs",
        "흐름 로그가 들어 있는 파티션",
        "ALTER TABLE vpc_flow_logs ADD PARTITION (`date`='YYYY-MM-DD') LOCATION 's3://BUCKET/AWSLogs/ACCOUNT/vpcflowlogs/REGION/YYYY/MM/DD' for a day that has log files.",
        "로그 파일이 있는 날짜로 ALTER TABLE vpc_flow_logs ADD PARTITION (`date`='YYYY-MM-DD') LOCATION 's3://BUCKET/AWSLogs/ACCOUNT/vpcflowlogs/REGION/YYYY/MM/DD'를 실행하세요.",
    ),
    "athena.crawler": (
        "A Glue crawler that found the partitions",
        "파티션을 찾아낸 Glue 크롤러",
        "Create a CSV classifier that reads flow logs (glue.create_classifier(CsvClassifier={{'Name': ..., 'Delimiter': ' ', 'ContainsHeader': 'PRESENT'}})), a crawler with that classifier, a role Glue can assume and the S3 target 's3://BUCKET/AWSLogs/ACCOUNT/vpcflowlogs/REGION/' (glue.create_crawler), then glue.start_crawler and wait until its State is READY again.",
        "흐름 로그를 읽는 CSV 분류자(glue.create_classifier(CsvClassifier={{'Name': ..., 'Delimiter': ' ', 'ContainsHeader': 'PRESENT'}}))와, 그 분류자, Glue가 맡을 수 있는 역할, S3 대상 's3://BUCKET/AWSLogs/ACCOUNT/vpcflowlogs/REGION/'을 쓰는 크롤러(glue.create_crawler)를 만든 뒤, glue.start_crawler를 호출하고 State가 다시 READY가 될 때까지 기다리세요.",
    ),
    "athena.projection": (
        "A table with partition projection",
        "파티션 프로젝션을 쓰는 테이블",
        "Create a table with TBLPROPERTIES projection.enabled=true, a projection.<key>.type for each partition key, and storage.location.template 's3://BUCKET/AWSLogs/ACCOUNT/vpcflowlogs/REGION/${{day}}'.",
        "TBLPROPERTIES에 projection.enabled=true, 파티션 키마다 projection.<key>.type, storage.location.template 's3://BUCKET/AWSLogs/ACCOUNT/vpcflowlogs/REGION/${{day}}'를 넣어 테이블을 만드세요.",
    ),
    "athena.rejected_count": (
        "How many REJECT records the S3 flow log delivered",
        "S3 흐름 로그가 전송한 REJECT 레코드 수",
        "SELECT count(*) FROM vpc_flow_logs WHERE action = 'REJECT' over every delivered day, and answer with the number.",
        "전송된 모든 날짜에 대해 SELECT count(*) FROM vpc_flow_logs WHERE action = 'REJECT'를 실행하고 그 숫자를 답하세요.",
    ),
    "athena.top_attacker": (
        "The address with the most rejected records, over every day",
        "모든 날짜에서 거부된 레코드가 가장 많은 주소",
        "Over every partition, count the REJECT records coming in to the bastion per srcaddr, sort largest first, and answer with the first address.",
        "모든 파티션에 대해 배스천으로 들어온 REJECT 레코드를 srcaddr별로 세고, 큰 순서로 정렬해 첫 번째 주소를 답하세요.",
    ),
    "athena.top_port": (
        "The most probed destination port",
        "가장 많이 탐색된 대상 포트",
        "GROUP BY dstport the REJECT records toward the bastion, ORDER BY count(*) DESC, and answer with the top port.",
        "배스천으로 향한 REJECT 레코드를 dstport로 GROUP BY 하고 count(*) 내림차순으로 정렬해 1위 포트를 답하세요.",
    ),
    "analyst.icmp_share": (
        "ICMP's share of the rejected traffic",
        "거부된 트래픽 중 ICMP의 비율",
        "SELECT count_if(protocol = 1), count(*) FROM vpc_flow_logs WHERE action = 'REJECT' over every partition, and answer the first divided by the second (0.25, or 25 for a percentage).",
        "모든 파티션에 대해 SELECT count_if(protocol = 1), count(*) FROM vpc_flow_logs WHERE action = 'REJECT'를 실행하고, 앞의 값을 뒤의 값으로 나눈 것을 답하세요(0.25, 백분율이면 25).",
    ),
    "analyst.ssh_guesser": (
        "Who is guessing SSH passwords",
        "SSH 비밀번호를 대입하는 주소",
        "Count the ACCEPT records coming in to the bastion with protocol 6 and dstport 22 per srcaddr, leave out the administrator (198.51.100.7), sort largest first, and answer with the first address.",
        "배스천으로 들어온 protocol 6, dstport 22인 ACCEPT 레코드를 srcaddr별로 세고, 관리자(198.51.100.7)는 빼고, 큰 순서로 정렬해 첫 번째 주소를 답하세요.",
    ),
    "analyst.guesser_got_in": (
        "Did the password guesser get in?",
        "비밀번호를 대입한 공격자가 로그인했을까?",
        "Look at the guesser's accepted SSH records: how long each lasts (\"end\" - start) and how many packets it carries at most. A password try is one short connection; a login, a session that fills minute after minute. Answer True or False.",
        "비밀번호를 대입한 쪽의 허용된 SSH 레코드를 보세요. 레코드마다 얼마나 지속되는지(\"end\" - start), 패킷이 최대 몇 개인지입니다. 비밀번호 시도는 짧은 연결 하나이고, 로그인은 몇 분이고 이어지는 세션입니다. True나 False로 답하세요.",
    ),
    "analyst.month_cost": (
        "What a month of flow logs costs to scan",
        "한 달치 흐름 로그를 스캔하는 비용",
        "Take the bytes a one-day query scanned (DataScannedInBytes with a filter on the partition), times 30 days, divided by 10^12 bytes per TB, times $5; leave Athena's 10 MB minimum aside.",
        "하루치 쿼리가 스캔한 바이트(파티션 필터를 건 쿼리의 DataScannedInBytes)에 30일을 곱하고, TB당 10^12바이트로 나누고, 5달러를 곱하세요. Athena의 최소 10MB는 빼고 계산합니다.",
    ),
    "cleanup.done": (
        "Nothing billable left behind",
        "비용이 드는 리소스가 남지 않음",
        "Delete the flow logs (ec2.delete_flow_logs), then the demo with its two instances (labkit.environment.teardown_demo_environment()), any NAT gateway or Elastic IP the lab created, lab 02's alarm (cloudwatch.delete_alarms), the log group (logs.delete_log_group) and both buckets, each emptied first (s3.delete_objects, s3.delete_bucket).",
        "흐름 로그(ec2.delete_flow_logs)를 삭제한 뒤 두 인스턴스가 있는 데모(labkit.environment.teardown_demo_environment()), 실습에서 만든 NAT 게이트웨이나 탄력적 IP, 실습 02의 경보(cloudwatch.delete_alarms), 로그 그룹(logs.delete_log_group), 그리고 먼저 비운 두 버킷(s3.delete_objects, s3.delete_bucket)을 모두 삭제하세요.",
    ),
}

# Why a check did not pass (shown as a list under the result).
_WHY = {
    "answer_needed": ("This step needs an answer: lab.check(\"{step}\", answer=...).",
                      "이 단계는 답이 필요합니다: lab.check(\"{step}\", answer=...)."),
    "aws_error": ("The check could not run: AWS did not answer its request ({error}). Nothing was recorded; run the "
                  "check again.",
                  "확인하지 못했습니다. AWS가 확인 요청에 응답하지 않았습니다({error}). 아무것도 기록되지 않았으니 "
                  "다시 확인하세요."),
    "check_failed": ("The check could not run: {error}. Nothing was recorded; run the check again (if this keeps "
                     "happening, run labkit.start(...) again to restart the sandbox).",
                     "확인하지 못했습니다: {error}. 아무것도 기록되지 않았으니 다시 확인하세요(계속 "
                     "그러면 labkit.start(...)를 다시 실행해 샌드박스를 다시 시작하세요)."),
    "ledger_failed": ("Your work passes, but its XP could not be saved in {path} ({error}). Free some disk space or "
                      "make LABKIT_HOME writable, then run this check again: the XP is awarded then.",
                      "작업은 통과했지만 XP를 {path}에 저장하지 못했습니다({error}). 디스크 공간을 확보하거나 "
                      "LABKIT_HOME에 쓸 수 있게 한 뒤 이 단계를 다시 확인하면 그때 XP를 받습니다."),
    "truth_damaged": ("The sandbox's record of the traffic is damaged ({part}), so this answer cannot be judged. "
                      "Run the lab's traffic cell again to record the traffic anew, then check again.",
                      "샌드박스의 트래픽 기록이 손상되어({part}) 이 답을 채점할 수 없습니다. 실습의 트래픽 셀을 다시 "
                      "실행해 트래픽을 새로 기록한 뒤 다시 확인하세요."),
    "answer_too_big": ("That number has about {digits} digits: no count, port or address in this lab is anywhere "
                       "near that. Look at your query's result again.",
                       "그 숫자는 약 {digits}자리입니다. 이 실습의 어떤 개수, 포트, 주소도 그렇게 크지 않습니다. "
                       "쿼리 결과를 다시 보세요."),
    "answer_arn_not_account": ("{answer} is the ARN of who you are; the account id is the 12-digit Account of the "
                               "same answer.",
                               "{answer:은} 내가 누구인지 나타내는 ARN입니다. 계정 ID는 같은 응답의 Account에 있는 "
                               "12자리 숫자입니다."),
    "answer_user_id_not_account": ("{answer} is the UserId; the account id is the 12-digit Account.",
                                   "{answer:은} UserId입니다. 계정 ID는 12자리 숫자인 Account입니다."),
    "answer_other_account": ("{answer} is an account id, but not the one your calls reach: ask STS rather than "
                             "typing it.",
                             "{answer:은} 계정 ID이지만 내 호출이 닿는 계정이 아닙니다. 직접 치지 말고 STS에 "
                             "물어보세요."),
    "answer_not_account": ("{answer} is not an account id: that is a 12-digit number, the Account in what "
                           "sts.get_caller_identity() returns.",
                           "{answer:은} 계정 ID가 아닙니다. 계정 ID는 sts.get_caller_identity()가 돌려주는 "
                           "Account의 12자리 숫자입니다."),
    "sts_failed": ("STS GetCallerIdentity failed: {error}", "STS GetCallerIdentity가 실패했습니다: {error}"),
    "endpoint_not_sandbox": ("AWS_ENDPOINT_URL does not name a local sandbox; run labkit.start(...) first.",
                             "AWS_ENDPOINT_URL이 로컬 샌드박스를 가리키지 않습니다. 먼저 labkit.start(...)를 실행하세요."),
    "endpoint_set_on_aws": ("LABKIT_TARGET=aws, but AWS_ENDPOINT_URL={url} still sends every call to a sandbox: unset it.",
                            "LABKIT_TARGET=aws인데 AWS_ENDPOINT_URL={url} 때문에 모든 호출이 샌드박스로 갑니다. 이 변수를 지우세요."),
    "no_demo_vpc": ("No VPC tagged Name={name} was found.", "Name={name} 태그가 붙은 VPC가 없습니다."),
    "no_bastion": ("No running instance tagged Name={name} in the demo VPC.", "데모 VPC에 Name={name} 태그가 붙은 실행 중인 인스턴스가 없습니다."),
    "bastion_no_public_ip": ("The bastion {instance} has no public IP address.", "배스천 {instance}에 퍼블릭 IP 주소가 없습니다."),
    "no_bucket": ("Bucket {bucket} does not exist.", "버킷 {bucket:이} 없습니다."),
    "bucket_wrong_region": ("Bucket {bucket} is in {found}; the flow logs and the lab are in {expected}. A bucket "
                            "cannot move: empty and delete it (s3.delete_objects, s3.delete_bucket), then create it "
                            "in {expected}.",
                            "버킷 {bucket:은} {found}에 있습니다. 흐름 로그와 실습은 {expected}에 있습니다. 버킷은 "
                            "옮길 수 없으니 비우고 삭제한 뒤(s3.delete_objects, s3.delete_bucket) {expected}에 다시 "
                            "만드세요."),
    "no_flow_log": ("No flow log tagged Name={name} on the demo VPC.", "데모 VPC에 Name={name} 태그가 붙은 흐름 로그가 없습니다."),
    "flow_log_untagged": ("Flow log {id} on the demo VPC has the right destination but no Name tag {name}: add it "
                          "with ec2.create_tags(Resources=['{id}'], Tags=[{{'Key': 'Name', 'Value': '{name}'}}]).",
                          "데모 VPC의 흐름 로그 {id:은} 대상은 맞지만 Name 태그 {name:이} 없습니다. "
                          "ec2.create_tags(Resources=['{id}'], Tags=[{{'Key': 'Name', 'Value': '{name}'}}])로 "
                          "붙이세요."),
    "flow_log_wrong_resource": ("Flow log {name} watches {found}, not the demo VPC {expected}.",
                                "흐름 로그 {name:은} 데모 VPC {expected:이} 아니라 {found:을} 기록합니다."),
    "flow_log_wrong_destination_type": ("Flow log {name} delivers to {found}; this step needs {expected}.",
                                        "흐름 로그 {name}의 대상이 {found}입니다. 이 단계에는 {expected:이} 필요합니다."),
    "flow_log_wrong_traffic": ("Flow log {name} captures {found} traffic; this step needs {expected}.",
                               "흐름 로그 {name:은} {found} 트래픽을 기록합니다. 이 단계에는 {expected:이} 필요합니다."),
    "flow_log_wrong_interval": ("Flow log {name} aggregates over {found} s; the lab uses {expected} s.",
                                "흐름 로그 {name}의 최대 집계 간격이 {found}초입니다. 실습은 {expected}초를 씁니다."),
    "flow_log_custom_format": ("Flow log {name} uses a custom format; the lab's table expects the default format.",
                               "흐름 로그 {name:이} 사용자 지정 형식을 씁니다. 실습의 테이블은 기본 형식을 기대합니다."),
    "flow_log_file_format": ("Flow log {name} writes {found} files; the lab reads plain-text files.",
                             "흐름 로그 {name:이} {found} 파일을 씁니다. 실습은 일반 텍스트 파일을 읽습니다."),
    "flow_log_hive": ("Flow log {name} uses Hive-compatible prefixes; the lab's table expects AWSLogs/ACCOUNT/vpcflowlogs/REGION/.",
                      "흐름 로그 {name:이} Hive 호환 접두사를 씁니다. 실습의 테이블은 AWSLogs/ACCOUNT/vpcflowlogs/REGION/을 기대합니다."),
    "flow_log_bucket_missing": ("Flow log {name} points at bucket {bucket}, which does not exist.",
                                "흐름 로그 {name:이} 가리키는 버킷 {bucket:이} 없습니다."),
    "flow_log_wrong_log_group": ("Flow log {name} writes to log group {found}, not {expected}.",
                                 "흐름 로그 {name:은} 로그 그룹 {expected:이} 아니라 {found}에 씁니다."),
    "flow_log_wrong_role": ("Flow log {name} delivers with role {found}, not {expected}.",
                            "흐름 로그 {name:은} 역할 {expected:이} 아니라 {found:으로} 전송합니다."),
    "flow_log_delivery": ("Flow log {name} cannot deliver: status {status} ({error}).",
                          "흐름 로그 {name:이} 전송하지 못합니다: 상태 {status} ({error})."),
    "no_bucket_policy": ("Bucket {bucket} has no bucket policy.", "버킷 {bucket}에 버킷 정책이 없습니다."),
    "bucket_policy_no_write": ("No Allow statement lets delivery.logs.amazonaws.com s3:PutObject on {resource}. "
                               "Replace the policy with s3.put_bucket_policy(Bucket='{bucket}', Policy=json.dumps(policy)).",
                               "delivery.logs.amazonaws.com이 {resource}에 s3:PutObject 하도록 허용하는 Allow 문이 "
                               "없습니다. s3.put_bucket_policy(Bucket='{bucket}', Policy=json.dumps(policy))로 정책을 "
                               "바꾸세요."),
    "bucket_policy_denied": ("Statement {sid} of the bucket policy denies delivery.logs.amazonaws.com s3:PutObject on "
                             "{resource}, and an explicit Deny wins over every Allow: no file could be delivered. "
                             "Remove that statement with s3.put_bucket_policy(Bucket='{bucket}', Policy=...).",
                             "버킷 정책의 {sid} 문이 delivery.logs.amazonaws.com의 {resource}에 대한 s3:PutObject를 "
                             "거부합니다. 명시적 Deny는 어떤 Allow보다 우선하므로 파일이 하나도 전송되지 않습니다. "
                             "s3.put_bucket_policy(Bucket='{bucket}', Policy=...)로 그 문을 빼세요."),
    "bucket_policy_condition": ("The bucket policy allows the write only under a Condition the log-delivery service "
                                "does not meet: it presents aws:SourceAccount={account}, an aws:SourceArn under "
                                "arn:aws:logs:{region}:{account}: and s3:x-amz-acl=bucket-owner-full-control. Fix the "
                                "Condition with s3.put_bucket_policy(Bucket='{bucket}', Policy=...).",
                                "버킷 정책이 로그 전송 서비스가 충족하지 못하는 Condition에서만 쓰기를 허용합니다. "
                                "서비스는 aws:SourceAccount={account}, arn:aws:logs:{region}:{account}: 아래의 "
                                "aws:SourceArn, s3:x-amz-acl=bucket-owner-full-control을 제시합니다. "
                                "s3.put_bucket_policy(Bucket='{bucket}', Policy=...)로 Condition을 고치세요."),
    "answer_policy_other_resource": ("{answer} is the Resource of another statement, one that lets the service "
                                     "look at the bucket, not write into it: which statement allows s3:PutObject?",
                                     "{answer:은} 다른 문의 Resource입니다. 서비스가 버킷을 살펴보게 해 주는 문이지 "
                                     "버킷에 쓰게 해 주는 문이 아닙니다. s3:PutObject를 허용하는 문은 어느 것일까요?"),
    "answer_policy_principal": ("{answer} is who may write (the Principal); the question asks where: that "
                                "statement's Resource.",
                                "{answer:은} 누가 쓸 수 있는지(Principal)입니다. 질문은 어디에 쓸 수 있는지, 즉 그 "
                                "문의 Resource를 묻습니다."),
    "answer_policy_sid": ("{answer} is a statement's name (Sid); the answer is what it applies to, its Resource.",
                          "{answer:은} 문의 이름(Sid)입니다. 답은 그 문이 적용되는 대상인 Resource입니다."),
    "answer_policy_action": ("{answer} is an action; the answer is the Resource the s3:PutObject statement "
                             "applies to.",
                             "{answer:은} 작업(Action)입니다. 답은 s3:PutObject 문이 적용되는 Resource입니다."),
    "answer_policy_not_resource": ("{answer} is not the Resource of the statement that allows s3:PutObject: read "
                                   "it from the policy (s3.get_bucket_policy).",
                                   "{answer:은} s3:PutObject를 허용하는 문의 Resource가 아닙니다. 정책"
                                   "(s3.get_bucket_policy)에서 읽으세요."),
    "bucket_policy_unreadable": ("The policy of bucket {bucket} is not a JSON policy document.",
                                 "버킷 {bucket}의 정책이 JSON 정책 문서가 아닙니다."),
    "no_role": ("IAM role {role} does not exist.", "IAM 역할 {role:이} 없습니다."),
    "role_trust": ("The trust policy of {role} does not let {service} call sts:AssumeRole. The role exists, so "
                   "create_role again fails (EntityAlreadyExists): change its trust with "
                   "iam.update_assume_role_policy(RoleName='{role}', PolicyDocument=json.dumps(trust)).",
                   "{role}의 신뢰 정책이 {service}의 sts:AssumeRole을 허용하지 않습니다. 역할이 이미 있어 create_role은 "
                   "다시 실패하므로(EntityAlreadyExists) iam.update_assume_role_policy(RoleName='{role}', "
                   "PolicyDocument=json.dumps(trust))로 신뢰 정책을 바꾸세요."),
    "role_trust_denied": ("Statement {sid} of {role}'s trust policy denies {service} sts:AssumeRole, and an explicit "
                          "Deny wins. Remove it with iam.update_assume_role_policy(RoleName='{role}', PolicyDocument=...).",
                          "{role} 신뢰 정책의 {sid} 문이 {service}의 sts:AssumeRole을 거부하며, 명시적 Deny가 "
                          "우선합니다. iam.update_assume_role_policy(RoleName='{role}', PolicyDocument=...)로 그 문을 "
                          "빼세요."),
    "role_trust_condition": ("The trust policy of {role} lets {service} in only under a Condition it does not meet: "
                             "the service presents aws:SourceAccount={account} and aws:SourceArn={source_arn}. Fix "
                             "the Condition with iam.update_assume_role_policy(RoleName='{role}', PolicyDocument=...).",
                             "{role}의 신뢰 정책은 {service:가} 충족하지 못하는 Condition에서만 역할을 허용합니다. "
                             "서비스는 aws:SourceAccount={account}, aws:SourceArn={source_arn:을} 제시합니다. "
                             "iam.update_assume_role_policy(RoleName='{role}', PolicyDocument=...)로 Condition을 "
                             "고치세요."),
    "role_permissions": ("Role {role} lacks permission for: {actions}. Add it with iam.attach_role_policy(RoleName="
                         "'{role}', PolicyArn='arn:aws:iam::aws:policy/CloudWatchLogsFullAccess') or iam.put_role_policy.",
                         "역할 {role}에 다음 권한이 없습니다: {actions}. iam.attach_role_policy(RoleName='{role}', "
                         "PolicyArn='arn:aws:iam::aws:policy/CloudWatchLogsFullAccess')나 iam.put_role_policy로 "
                         "추가하세요."),
    "role_denied": ("Statement {sid} of a policy on {role} denies {action}, and an explicit Deny wins over every "
                    "Allow. Remove it (iam.delete_role_policy or iam.detach_role_policy).",
                    "{role}에 붙은 정책의 {sid} 문이 {action:을} 거부하며, 명시적 Deny는 어떤 Allow보다 우선합니다. "
                    "그 정책을 빼세요(iam.delete_role_policy 또는 iam.detach_role_policy)."),
    "no_log_group": ("Log group {group} does not exist.", "로그 그룹 {group:이} 없습니다."),
    "log_group_retention": ("Log group {group} keeps events for {found}; the lab asks for {expected} day. Change it "
                            "with logs.put_retention_policy(logGroupName='{group}', retentionInDays={expected}).",
                            "로그 그룹 {group}의 보존 기간이 {found}입니다. 실습은 {expected}일을 요구합니다. "
                            "logs.put_retention_policy(logGroupName='{group}', retentionInDays={expected})로 바꾸세요."),
    "retention_forever": ("ever (never expires)", "무기한(만료 안 됨)"),
    "no_flow_log_bucket": ("There is no S3 flow log yet, so there is no bucket to look in.",
                           "아직 S3 흐름 로그가 없어서 찾아볼 버킷이 없습니다."),
    "object_not_flow_log": ("{key} is not under {prefix}.", "{key:은} {prefix} 아래에 있지 않습니다."),
    "object_missing": ("There is no object {key} in bucket {bucket}.", "버킷 {bucket}에 객체 {key:이} 없습니다."),
    "object_not_gz": ("{key} is not a delivered flow-log file (.log.gz).", "{key:은} 전송된 흐름 로그 파일(.log.gz)이 아닙니다."),
    "wrong_answer": ("{answer} is not the answer yet; look again.", "{answer:은} 아직 정답이 아닙니다. 다시 살펴보세요."),
    "object_not_delivered": ("{key} exists, but the flow-logs service did not write it (it was uploaded or changed "
                             "by hand). Answer with the Key of a file the S3 flow log delivered: "
                             "s3.list_objects_v2(Bucket=..., Prefix='AWSLogs/').",
                             "{key:은} 있지만 흐름 로그 서비스가 쓴 파일이 아닙니다(직접 올렸거나 바꾼 파일). S3 흐름 "
                             "로그가 전송한 파일의 Key로 답하세요: s3.list_objects_v2(Bucket=..., Prefix='AWSLogs/')."),
    "answer_bucket_not_key": ("{answer} is the bucket; the answer is the Key of one object in it (AWSLogs/...log.gz).",
                              "{answer:은} 버킷입니다. 답은 그 안의 객체 하나의 Key입니다(AWSLogs/...log.gz)."),
    "answer_file_name_only": ("{answer} is only the file's name: the Key is the whole path, starting with {prefix}.",
                              "{answer:은} 파일 이름뿐입니다. Key는 {prefix:으로} 시작하는 전체 경로입니다."),
    "answer_log_stream": ("{answer} is a log-stream name: the ENI id is the part before -all.",
                          "{answer:은} 로그 스트림 이름입니다. ENI ID는 -all 앞부분입니다."),
    "answer_address_not_eni": ("{answer} is an IP address; the question asks for the network interface's id (eni-...).",
                               "{answer:은} IP 주소입니다. 질문은 네트워크 인터페이스 ID(eni-...)를 묻습니다."),
    "answer_wrong_kind": ("{answer} is the id of {kind}, not of a network interface: look in the instance's "
                          "NetworkInterfaces for NetworkInterfaceId (eni-...).",
                          "{answer:은} 네트워크 인터페이스가 아니라 {kind}의 ID입니다. 인스턴스의 NetworkInterfaces에서 "
                          "NetworkInterfaceId(eni-...)를 찾으세요."),
    "answer_typo": ("{answer} is one or two characters away from the right id: copy it rather than typing it.",
                    "{answer:은} 정답 ID와 한두 글자 다릅니다. 직접 치지 말고 복사해 넣으세요."),
    "answer_other_eni": ("{answer} is a network interface of this account, but not the one of the instance tagged "
                         "{name}.",
                         "{answer:은} 이 계정의 네트워크 인터페이스이지만 {name} 태그가 붙은 인스턴스의 것이 아닙니다."),
    "answer_no_such_eni": ("There is no network interface {answer} in this account: copy the id from "
                           "ec2.describe_instances.",
                           "이 계정에는 네트워크 인터페이스 {answer:이} 없습니다. ec2.describe_instances에서 ID를 "
                           "복사하세요."),
    "answer_count_not_address": ("{answer} is a number, probably a count; the question asks for the source address "
                                 "(srcaddr) with the most REJECT records.",
                                 "{answer:은} 숫자(아마 개수)입니다. 질문은 REJECT 레코드가 가장 많은 소스 주소"
                                 "(srcaddr)를 묻습니다."),
    "answer_id_not_address": ("{answer} is a resource id; the question asks for an IP address (srcaddr).",
                              "{answer:은} 리소스 ID입니다. 질문은 IP 주소(srcaddr)를 묻습니다."),
    "answer_not_address": ("{answer} is not an IP address; the answer is a srcaddr such as 203.0.113.7.",
                           "{answer:은} IP 주소가 아닙니다. 답은 203.0.113.7 같은 srcaddr입니다."),
    "answer_own_address": ("{answer} is the bastion's own address (the dstaddr of what it receives): the attacker is "
                           "the srcaddr.",
                           "{answer:은} 배스천 자신의 주소(받는 트래픽의 dstaddr)입니다. 공격자는 srcaddr입니다."),
    "answer_ascending": ("{answer} is the least frequent, not the most: sort by the count in descending order "
                         "(ORDER BY count(*) DESC, or most_common()) and take the first.",
                         "{answer:은} 가장 적은 쪽이지 가장 많은 쪽이 아닙니다. 개수 내림차순(ORDER BY count(*) DESC, "
                         "또는 most_common())으로 정렬해 첫 번째를 고르세요."),
    "answer_not_top": ("{answer} is among the rejected records, but not the most frequent: count them all, sort by "
                       "the count in descending order and take the first.",
                       "{answer:은} 거부된 레코드에 있지만 가장 많지는 않습니다. 모두 센 뒤 개수 내림차순으로 "
                       "정렬해 첫 번째를 고르세요."),
    "answer_accepted_source": ("{answer}'s traffic to the bastion was accepted (ACCEPT): the question is about "
                               "REJECT records.",
                               "{answer}의 배스천 트래픽은 허용(ACCEPT)되었습니다. 질문은 REJECT 레코드에 관한 것입니다."),
    "answer_not_rejected": ("{answer} has no REJECT record toward the bastion: filter action = 'REJECT' and the "
                            "bastion's ENI.",
                            "{answer}에서 배스천으로 간 REJECT 레코드가 없습니다. action = 'REJECT'와 배스천의 ENI로 "
                            "걸러 보세요."),
    "answer_not_number": ("{answer} is not a whole number; this question asks for one.",
                          "{answer:은} 정수가 아닙니다. 이 질문은 정수를 묻습니다."),
    "answer_address_not_count": ("{answer} is an address; the question asks for a count of records.",
                                 "{answer:은} 주소입니다. 질문은 레코드 개수를 묻습니다."),
    "answer_limit": ("{answer} is exactly your query's LIMIT {limit}: the query stopped there. Count with "
                     "count(*) instead of counting the rows shown.",
                     "{answer:은} 쿼리의 LIMIT {limit:과} 같습니다. 쿼리가 거기서 멈췄습니다. 보이는 행을 세지 말고 "
                     "count(*)로 세세요."),
    "answer_tcp_only": ("{answer} counts TCP only: ICMP and UDP rejects count too (leave protocol out of the WHERE).",
                        "{answer:은} TCP만 센 값입니다. ICMP와 UDP의 거부도 셉니다(WHERE에서 protocol 조건을 빼세요)."),
    "answer_all_records": ("{answer} counts every record, ACCEPT too: keep only action = 'REJECT'.",
                           "{answer:은} ACCEPT까지 모든 레코드를 센 값입니다. action = 'REJECT'만 남기세요."),
    "answer_accept_count": ("{answer} is the count of ACCEPT records; the question asks for REJECT.",
                            "{answer:은} ACCEPT 레코드 수입니다. 질문은 REJECT를 묻습니다."),
    "answer_one_day": ("{answer} counts one day only; the S3 flow log delivered {days} days: count over every "
                       "partition.",
                       "{answer:은} 하루치만 센 값입니다. S3 흐름 로그는 {days}일치를 전송했으니 모든 파티션에 "
                       "대해 세세요."),
    "answer_not_the_count": ("{answer} is not the number of REJECT records delivered yet: SELECT count(*) FROM "
                             "vpc_flow_logs WHERE action = 'REJECT', over every partition.",
                             "{answer:은} 아직 전송된 REJECT 레코드 수가 아닙니다. 모든 파티션에 대해 SELECT "
                             "count(*) FROM vpc_flow_logs WHERE action = 'REJECT'를 실행하세요."),
    "answer_address_not_port": ("{answer} is an address; the question asks for a destination port (dstport).",
                                "{answer:은} 주소입니다. 질문은 대상 포트(dstport)를 묻습니다."),
    "answer_not_port": ("{answer} is no port: ports go from 0 to 65535.",
                        "{answer:은} 포트가 아닙니다. 포트는 0부터 65535까지입니다."),
    "answer_count_not_port": ("{answer} looks like a count, not a port: answer with the dstport of the first row.",
                              "{answer:은} 포트가 아니라 개수로 보입니다. 첫 행의 dstport로 답하세요."),
    "answer_srcport": ("{answer} is a source port (srcport): the attackers' ports change every time; group by "
                       "dstport.",
                       "{answer:은} 소스 포트(srcport)입니다. 공격자의 소스 포트는 매번 바뀌니 dstport로 "
                       "묶으세요."),
    "answer_port_not_probed": ("No rejected record toward the bastion has destination port {answer}: GROUP BY dstport "
                               "over action = 'REJECT'.",
                               "배스천으로 향한 거부 레코드 중 대상 포트가 {answer}인 것은 없습니다. action = 'REJECT'에 "
                               "대해 dstport로 GROUP BY 하세요."),
    "no_guesser": ("No accepted SSH connection to the bastion from anyone but the administrator has been recorded "
                   "yet: run lab 02's traffic first (SSH was open to the world then).",
                   "관리자 말고는 배스천에 허용된 SSH 연결이 아직 기록되지 않았습니다. 먼저 실습 02의 트래픽을 "
                   "실행하세요(그때는 SSH가 전 세계에 열려 있었습니다)."),
    "answer_count_not_guesser": ("{answer} is a number, probably a count; the question asks for the guesser's "
                                 "address (srcaddr).",
                                 "{answer:은} 숫자(아마 개수)입니다. 질문은 비밀번호를 대입한 쪽의 주소(srcaddr)를 "
                                 "묻습니다."),
    "answer_guesser_admin": ("{answer} is the administrator, who logs in and stays: few connections, each a long "
                             "session. The guesser makes many short ones.",
                             "{answer:은} 관리자입니다. 관리자는 로그인해서 머무르므로 연결이 적고 하나하나가 긴 "
                             "세션입니다. 비밀번호를 대입하는 쪽은 짧은 연결을 많이 만듭니다."),
    "answer_guesser_scanner": ("{answer} is the scanner that probes every port and is mostly turned away; the "
                               "guesser's connections to port 22 were accepted, one password try each: count the "
                               "ACCEPT records to port 22 per source.",
                               "{answer:은} 모든 포트를 탐색하다 대부분 거부된 스캐너입니다. 비밀번호를 대입한 쪽의 "
                               "22번 포트 연결은 허용되었고, 연결 하나가 비밀번호 시도 한 번입니다. 22번 포트로 온 "
                               "ACCEPT 레코드를 소스별로 세어 보세요."),
    "answer_guesser_not_top": ("{answer} made accepted SSH connections, but not the most: count them per source "
                               "and sort, largest first.",
                               "{answer:은} 허용된 SSH 연결을 만들었지만 가장 많지는 않습니다. 소스별로 세어 큰 "
                               "순서로 정렬하세요."),
    "answer_guesser_rejected_only": ("Every SSH attempt of {answer} was rejected: the question is about the "
                                     "connections that got through (action = 'ACCEPT').",
                                     "{answer}의 SSH 시도는 모두 거부되었습니다. 질문은 통과한 연결"
                                     "(action = 'ACCEPT')에 관한 것입니다."),
    "answer_guesser_no_ssh": ("{answer} made no accepted SSH connection to the bastion: keep action = 'ACCEPT', "
                              "protocol = 6 and dstport = 22 toward the bastion.",
                              "{answer:은} 배스천에 허용된 SSH 연결을 만들지 않았습니다. 배스천으로 향한 "
                              "action = 'ACCEPT', protocol = 6, dstport = 22만 남기세요."),
    "answer_not_yes_no": ("{answer} is neither yes nor no: answer True or False (or 'yes' / 'no').",
                          "{answer:은} 예도 아니요도 아닙니다. True나 False(또는 'yes' / 'no')로 답하세요."),
    "answer_got_in_yes": ("Not what their connections show: a password try is one short connection (a few dozen "
                          "packets, a few seconds), a login a session that fills whole minutes. Look at how long "
                          "their records last and how many packets they carry.",
                          "연결이 보여 주는 것과 다릅니다. 비밀번호 시도는 짧은 연결 하나(패킷 수십 개, 몇 초)이고, "
                          "로그인은 몇 분이고 이어지는 세션입니다. 레코드가 얼마나 지속되는지, 패킷이 몇 개인지 "
                          "보세요."),
    "answer_got_in_no": ("Look again: one of their connections goes on like a session, far longer than a "
                         "password try.",
                         "다시 보세요. 연결 중 하나가 비밀번호 시도보다 훨씬 긴 세션처럼 이어집니다."),
    "answer_not_a_share": ("{answer} is not a share: answer a fraction between 0 and 1 (0.25) or a percentage (25).",
                           "{answer:은} 비율이 아닙니다. 0과 1 사이의 분수(0.25)나 백분율(25)로 답하세요."),
    "answer_icmp_count_not_share": ("{answer} is the number of rejected ICMP records; the question asks for their "
                                    "share of all rejected records.",
                                    "{answer:은} 거부된 ICMP 레코드의 수입니다. 질문은 거부된 레코드 전체에서 그것이 "
                                    "차지하는 비율을 묻습니다."),
    "answer_icmp_share_of_all": ("{answer} is the rejected ICMP records' share of every record, ACCEPT too: "
                                 "divide by the REJECT records only.",
                                 "{answer:은} ACCEPT까지 포함한 전체 레코드에서의 비율입니다. REJECT 레코드 수로만 "
                                 "나누세요."),
    "answer_icmp_rejected_share": ("{answer} is the share of ICMP that was rejected; the question is the other way "
                                   "round: of the rejected records, how many are ICMP?",
                                   "{answer:은} ICMP 중 거부된 비율입니다. 질문은 반대입니다. 거부된 레코드 중 ICMP는 "
                                   "얼마일까요?"),
    "answer_icmp_not_the_share": ("{answer} is not ICMP's share of the REJECT records yet: count the REJECT records "
                                  "with protocol = 1 and divide by every REJECT record, over every partition.",
                                  "{answer:은} 아직 REJECT 레코드 중 ICMP의 비율이 아닙니다. 모든 파티션에 대해 "
                                  "protocol = 1인 REJECT 레코드를 세어 전체 REJECT 레코드 수로 나누세요."),
    "answer_not_a_cost": ("{answer} is not an amount: answer the dollars as a number (0.0025).",
                          "{answer:은} 금액이 아닙니다. 달러를 숫자(0.0025)로 답하세요."),
    "answer_month_one_day": ("{answer} is what one day costs: the question is a month, 30 such days.",
                             "{answer:은} 하루치 비용입니다. 질문은 그런 날 30일인 한 달치입니다."),
    "answer_month_bytes": ("{answer} is the bytes a month scans; the question asks for dollars, at $5 per TB "
                           "(10^12 bytes).",
                           "{answer:은} 한 달치를 스캔한 바이트입니다. 질문은 TB(10^12바이트)당 5달러로 계산한 "
                           "달러를 묻습니다."),
    "answer_month_unit": ("{answer} is off by a factor of 1,000: a TB is 10^12 bytes (1,000 GB), and the price is "
                          "$5 per TB.",
                          "{answer:은} 1,000배 차이가 납니다. TB는 10^12바이트(1,000GB)이고 가격은 TB당 5달러입니다."),
    "answer_month_minimum": ("{answer} is Athena's minimum charge for a query (10 MB): the question leaves the "
                             "minimum aside.",
                             "{answer:은} Athena의 쿼리당 최소 요금(10MB)입니다. 질문은 최소 요금을 빼고 계산합니다."),
    "answer_month_everything": ("{answer} is what scanning the {days} days the bucket holds now costs; the question "
                                "is a month of 30 days, each the size of the day you measured.",
                                "{answer:은} 지금 버킷에 있는 {days}일치를 스캔하는 비용입니다. 질문은 측정한 하루와 "
                                "같은 크기의 날 30일인 한 달입니다."),
    "answer_not_the_cost": ("{answer} is not the cost of scanning a month yet: 30 times the bytes one day's "
                            "partition scans, divided by 10^12, times $5.",
                            "{answer:은} 아직 한 달치를 스캔하는 비용이 아닙니다. 하루치 파티션이 스캔하는 바이트의 "
                            "30배를 10^12로 나누고 5달러를 곱하세요."),
    "no_truth": ("No traffic has been recorded yet: run the lab's traffic cell first.",
                 "아직 기록된 트래픽이 없습니다. 먼저 실습의 트래픽 셀을 실행하세요."),
    "no_records": ("No delivered flow-log records were found under s3://{bucket}/{prefix}.",
                   "s3://{bucket}/{prefix} 아래에서 전송된 흐름 로그 레코드를 찾지 못했습니다."),
    "no_nacl": ("No network ACL is associated with subnet {subnet}.", "서브넷 {subnet}에 연결된 네트워크 ACL이 없습니다."),
    "nacl_attacker_allowed": ("Network ACL {acl} still lets the top attacker in: {probes}. Add an inbound deny with "
                              "ec2.create_network_acl_entry; if its rule number is taken "
                              "(NetworkAclEntryAlreadyExists), pick a free one or use ec2.replace_network_acl_entry.",
                              "네트워크 ACL {acl:이} 아직 가장 활발한 공격자를 들여보냅니다: {probes}. "
                              "ec2.create_network_acl_entry로 인바운드 거부 항목을 추가하세요. 규칙 번호가 이미 쓰이고 "
                              "있으면(NetworkAclEntryAlreadyExists) 빈 번호를 고르거나 "
                              "ec2.replace_network_acl_entry를 쓰세요."),
    "nacl_deny_too_late": ("Your DENY rule {deny_rule} for the top attacker comes after ALLOW rule {allow_rule}, "
                           "which matches first. Delete it (ec2.delete_network_acl_entry(NetworkAclId='{acl}', "
                           "RuleNumber={deny_rule}, Egress=False)) and create it again with a number below "
                           "{allow_rule}.",
                           "가장 활발한 공격자에 대한 DENY 규칙 {deny_rule:이} 먼저 일치하는 ALLOW 규칙 {allow_rule}보다 "
                           "뒤에 있습니다. ec2.delete_network_acl_entry(NetworkAclId='{acl}', RuleNumber={deny_rule}, "
                           "Egress=False)로 지우고 {allow_rule}보다 작은 번호로 다시 만드세요."),
    "nacl_admin_blocked": ("Network ACL {acl} now blocks the admin's SSH ({address}): {probes}. Remove or narrow that "
                           "entry with ec2.delete_network_acl_entry or ec2.replace_network_acl_entry.",
                           "네트워크 ACL {acl:이} 관리자({address})의 SSH를 막습니다: {probes}. "
                           "ec2.delete_network_acl_entry나 ec2.replace_network_acl_entry로 그 항목을 지우거나 좁히세요."),
    "nacl_https_blocked": ("Network ACL {acl} blocks the bastion's HTTPS to the internet: {probes}. Allow the return "
                           "ports 1024-65535 again (ec2.replace_network_acl_entry or ec2.delete_network_acl_entry).",
                           "네트워크 ACL {acl:이} 배스천의 인터넷 HTTPS를 막습니다: {probes}. 응답 포트 1024-65535를 "
                           "다시 허용하세요(ec2.replace_network_acl_entry 또는 ec2.delete_network_acl_entry)."),
    "nacl_invalid_entry": ("Network ACL {acl} has {direction} rule {rule} with CIDR {cidr}, which is not a valid "
                           "network: AWS refuses it (this sandbox let it in), so it matches nothing. Replace it with "
                           "ec2.replace_network_acl_entry(NetworkAclId='{acl}', RuleNumber={rule}, ...) and a CIDR "
                           "such as 203.0.113.7/32.",
                           "네트워크 ACL {acl}의 {direction} 규칙 {rule}의 CIDR {cidr:은} 올바른 네트워크가 "
                           "아닙니다. AWS는 이를 거부하므로(이 샌드박스는 받아들였지만) 아무것도 일치하지 않습니다. "
                           "ec2.replace_network_acl_entry(NetworkAclId='{acl}', RuleNumber={rule}, ...)로 "
                           "203.0.113.7/32 같은 CIDR로 바꾸세요."),
    "scenario_not_run": ("The sandbox has not run the scenario {scenario} yet: run the lab's cell that starts it "
                         "(run_traffic(..., scenario=\"{scenario}\")). It runs only in the sandbox.",
                         "샌드박스가 아직 시나리오 {scenario:을} 실행하지 않았습니다. 그 시나리오를 시작하는 실습 셀"
                         "(run_traffic(..., scenario=\"{scenario}\"))을 실행하세요. 샌드박스에서만 실행됩니다."),
    "thief_still_allowed": ("The bastion's security group still lets {address} in on SSH: {rules}. Revoke that "
                            "rule (ec2.revoke_security_group_ingress).",
                            "배스천의 보안 그룹이 아직 {address}의 SSH를 허용합니다: {rules}. 그 규칙을 취소하세요"
                            "(ec2.revoke_security_group_ingress)."),
    "session_not_seen_flowing": ("No traffic since showed the open session of {address} flowing while its new "
                                 "connections were refused: revoke its rule first, then run the traffic again.",
                                 "그 뒤의 트래픽에서 {address}의 새 연결은 거부되는데 열린 세션은 흐르는 모습이 "
                                 "아직 없습니다. 먼저 그 규칙을 취소한 뒤 트래픽을 다시 실행하세요."),
    "thief_not_denied": ("Network ACL {acl} does not deny {address} by a rule of its own: add an inbound DENY "
                         "entry for {address}/32 numbered below the ALLOW rules.",
                         "네트워크 ACL {acl:이} 자기 규칙으로 {address:을} 거부하지 않습니다. ALLOW 규칙보다 작은 "
                         "번호로 {address}/32에 대한 인바운드 DENY 항목을 추가하세요."),
    "session_not_seen_cut": ("No traffic since showed the session of {address} refused: run the traffic again "
                             "after adding the ACL entry.",
                             "그 뒤의 트래픽에서 {address}의 세션이 거부된 모습이 아직 없습니다. ACL 항목을 추가한 "
                             "뒤 트래픽을 다시 실행하세요."),
    "no_reject_flow_log": ("No flow log of the demo VPC, the bastion's subnet or its ENI records only REJECT "
                           "traffic (traffic types found: {types}). Create one with TrafficType='REJECT'.",
                           "데모 VPC, 배스천의 서브넷, 배스천의 ENI 중 어디에도 REJECT 트래픽만 기록하는 흐름 로그가 "
                           "없습니다(찾은 트래픽 유형: {types}). TrafficType='REJECT'로 하나 만드세요."),
    "flow_log_not_active": ("Flow log {id} is not ACTIVE.", "흐름 로그 {id:은} ACTIVE 상태가 아닙니다."),
    "reject_log_in_athena_folder": ("Flow log {id} delivers to the top of bucket {bucket}, into the same AWSLogs/ "
                                    "folder the Athena table of lab 03 reads: every REJECT would be counted twice. "
                                    "Delete it and create it with a folder of its own "
                                    "(LogDestination 'arn:aws:s3:::{bucket}/rejects').",
                                    "흐름 로그 {id:은} 버킷 {bucket}의 맨 위, 곧 실습 03의 Athena 테이블이 읽는 "
                                    "AWSLogs/ 폴더로 전송합니다. 그러면 REJECT가 모두 두 번 세어집니다. 삭제하고 "
                                    "자기만의 폴더로 다시 만드세요(LogDestination 'arn:aws:s3:::{bucket}/rejects')."),
    "backup_never_failed": ("The office backup from {address} has not failed yet in the traffic the sandbox ran: "
                            "run the lab's cell that starts the scenario.",
                            "샌드박스가 실행한 트래픽에서 {address}의 사무실 백업이 아직 실패한 적이 없습니다. "
                            "시나리오를 시작하는 실습 셀을 실행하세요."),
    "answer_not_rule_number": ("{answer} is not a rule number: a network ACL rule has a number from 1 to 32766, "
                               "and `*` for the last one.",
                               "{answer:은} 규칙 번호가 아닙니다. 네트워크 ACL 규칙의 번호는 1부터 32766까지이고, "
                               "마지막 규칙은 `*`입니다."),
    "answer_port_not_rule": ("{answer} looks like a port of the rejected records, not a rule number: find the ACL "
                             "rule whose port range holds that port.",
                             "{answer:은} 규칙 번호가 아니라 거부된 레코드의 포트로 보입니다. 그 포트가 포트 범위에 "
                             "들어가는 ACL 규칙을 찾으세요."),
    "answer_acl_not_to_blame": ("No network ACL rule refused the office's traffic: the security group did. "
                                "Rule {answer} is not the answer.",
                                "사무실 트래픽을 거부한 것은 네트워크 ACL 규칙이 아니라 보안 그룹입니다. 규칙 {answer:은} "
                                "답이 아닙니다."),
    "answer_not_blocking_rule": ("Rule {answer} is not the one that refused the office's traffic. Which direction "
                                 "do the REJECT records show, and which rule of that direction matches first?",
                                 "규칙 {answer:은} 사무실 트래픽을 거부한 규칙이 아닙니다. REJECT 레코드는 어느 "
                                 "방향을 보여 주고, 그 방향에서 처음 일치하는 규칙은 무엇일까요?"),
    "office_still_blocked": ("Network ACL {acl} still blocks the office's SSH ({address}): {probes}. The replies "
                             "leave from port 22 to the office's ephemeral ports (1024-65535): allow them outbound "
                             "with a rule numbered before the one that denies them.",
                             "네트워크 ACL {acl:이} 아직 사무실({address})의 SSH를 막습니다: {probes}. 응답은 22번 "
                             "포트에서 사무실의 임시 포트(1024-65535)로 나갑니다. 응답을 거부하는 규칙보다 앞 번호의 "
                             "규칙으로 아웃바운드를 허용하세요."),
    "office_not_in_security_group": ("The bastion's security group no longer lets the office ({address}) in on "
                                     "SSH: put its rule back (ec2.authorize_security_group_ingress).",
                                     "배스천의 보안 그룹이 더 이상 사무실({address})의 SSH를 허용하지 않습니다. 그 "
                                     "규칙을 되돌리세요(ec2.authorize_security_group_ingress)."),
    "backup_not_seen_working": ("No traffic since showed the office backup from {address} going through: run the "
                                "traffic again after the fix.",
                                "그 뒤의 트래픽에서 {address}의 사무실 백업이 통과한 모습이 아직 없습니다. 고친 뒤 "
                                "트래픽을 다시 실행하세요."),
    "no_workgroup_location": ("Workgroup {workgroup} has no query result location (ResultConfiguration.OutputLocation).",
                              "작업 그룹 {workgroup}에 쿼리 결과 위치(ResultConfiguration.OutputLocation)가 없습니다."),
    "result_location_bucket": ("The result location {location} is not in an existing bucket: create it "
                               "(s3.create_bucket) or point the workgroup at another (athena.update_work_group).",
                               "결과 위치 {location:이} 존재하는 버킷에 있지 않습니다. 버킷을 만들거나"
                               "(s3.create_bucket) 작업 그룹이 다른 곳을 가리키게 하세요(athena.update_work_group)."),
    "no_table": ("No table {table} in the Glue catalog (databases looked at: {databases}).",
                 "Glue 데이터 카탈로그에 테이블 {table:이} 없습니다(살펴본 데이터베이스: {databases})."),
    "table_columns": ("Table {table} does not have the 14 default-format columns: {problems}.",
                      "테이블 {table}에 기본 형식의 14개 열이 없습니다: {problems}."),
    "table_partition_key": ("Table {table} is partitioned by {found}; the lab uses `date` (date) or `day` (string).",
                            "테이블 {table}의 파티션 키가 {found}입니다. 실습은 `date`(date) 또는 `day`(string)를 씁니다."),
    "table_location": ("Table {table} reads {found}; it should read {expected}.",
                       "테이블 {table:이} {found:을} 읽습니다. {expected:을} 읽어야 합니다."),
    "table_header": ("Table {table} does not skip the header line (skip.header.line.count=1).",
                     "테이블 {table:이} 머리글 줄을 건너뛰지 않습니다(skip.header.line.count=1)."),
    "no_partitions": ("Table {table} has no partitions yet.", "테이블 {table}에 아직 파티션이 없습니다."),
    "partitions_empty": ("No partition of {table} points at flow-log files: {locations}. Drop a wrong one "
                         "(ALTER TABLE {table} DROP PARTITION (...)) and ADD PARTITION with a day that has files.",
                         "{table}의 어떤 파티션도 흐름 로그 파일을 가리키지 않습니다: {locations}. 잘못된 파티션을 "
                         "지우고(ALTER TABLE {table} DROP PARTITION (...)) 파일이 있는 날짜로 ADD PARTITION 하세요."),
    "no_crawler": ("No Glue crawler crawls {expected}: give glue.create_crawler that S3 target "
                   "(Targets={{'S3Targets': [{{'Path': ...}}]}}).",
                   "{expected:을} 크롤링하는 Glue 크롤러가 없습니다. glue.create_crawler에 그 S3 대상을 주세요"
                   "(Targets={{'S3Targets': [{{'Path': ...}}]}})."),
    "crawler_running": ("Crawler {crawler} is still crawling: look at it again (glue.get_crawler) until its State "
                        "is READY, then check.",
                        "크롤러 {crawler:이} 아직 크롤링 중입니다. State가 READY가 될 때까지 다시 보고"
                        "(glue.get_crawler) 확인하세요."),
    "crawler_never_ran": ("Crawler {crawler} has never run: glue.start_crawler(Name='{crawler}'), then wait until "
                          "its State is READY.",
                          "크롤러 {crawler:이} 한 번도 실행되지 않았습니다. glue.start_crawler(Name='{crawler}')를 "
                          "호출하고 State가 READY가 될 때까지 기다리세요."),
    "crawler_failed": ("The last crawl of {crawler} ended {status}: {error}. Fix it and start the crawler again.",
                       "{crawler}의 마지막 크롤링이 {status:으로} 끝났습니다: {error}. 고친 뒤 크롤러를 다시 "
                       "시작하세요."),
    "crawler_no_table": ("Crawler {crawler} wrote no table of the flow logs in database {database}: crawl the "
                         "region folder of the flow log, where its day folders are.",
                         "크롤러 {crawler:이} 데이터베이스 {database}에 흐름 로그 테이블을 쓰지 않았습니다. 날짜 "
                         "폴더가 있는 흐름 로그의 리전 폴더를 크롤링하세요."),
    "crawler_unknown_format": ("Table {table} is classified {classification}, which Athena cannot read: no built-in "
                               "classifier reads space-separated flow logs. Give the crawler a CSV classifier with "
                               "Delimiter ' ' and ContainsHeader PRESENT (glue.update_crawler(Classifiers=[...])), "
                               "then crawl again.",
                               "테이블 {table}의 분류가 {classification:이라서} Athena가 읽을 수 없습니다. 공백으로 구분된 "
                               "흐름 로그를 읽는 기본 제공 분류자는 없습니다. Delimiter ' ', ContainsHeader PRESENT인 "
                               "CSV 분류자를 크롤러에 주고(glue.update_crawler(Classifiers=[...])) 다시 크롤링하세요."),
    "crawler_no_partitions": ("Table {table} has no partition that holds flow-log files: crawl again now that the "
                              "flow log has delivered.",
                              "테이블 {table}에 흐름 로그 파일이 들어 있는 파티션이 없습니다. 흐름 로그가 파일을 "
                              "전송한 지금 다시 크롤링하세요."),
    "no_projection": ("No table in the catalog has projection.enabled=true.", "카탈로그에 projection.enabled=true인 테이블이 없습니다."),
    "projection_template": ("Table {table}'s storage.location.template is {found}; it should start with {expected}.",
                            "테이블 {table}의 storage.location.template이 {found}입니다. {expected:으로} 시작해야 합니다."),
    "projection_key": ("Table {table} projects partition key {key} without projection.{key}.type or without ${{{key}}} in the template.",
                       "테이블 {table}의 파티션 키 {key}에 projection.{key}.type이 없거나 템플릿에 ${{{key}}} 자리 표시자가 없습니다."),
    "flow_logs_left": ("Flow logs still on the demo VPC: {ids}. Delete them with ec2.delete_flow_logs(FlowLogIds=[...]).",
                       "데모 VPC에 흐름 로그가 남아 있습니다: {ids}. ec2.delete_flow_logs(FlowLogIds=[...])로 삭제하세요."),
    "instances_left": ("The demo's instances still exist: {ids}. An instance bills while it runs (its disk even when "
                       "stopped): labkit.environment.teardown_demo_environment() deletes the demo, or "
                       "ec2.terminate_instances(InstanceIds=[...]).",
                       "데모 인스턴스가 아직 있습니다: {ids}. 인스턴스는 실행 중에 요금이 붙습니다(중지해도 디스크는 "
                       "요금이 붙습니다). labkit.environment.teardown_demo_environment()로 데모를 삭제하거나 "
                       "ec2.terminate_instances(InstanceIds=[...])를 쓰세요."),
    "nat_left": ("NAT gateways still in the demo VPC: {ids}.", "데모 VPC에 NAT 게이트웨이가 남아 있습니다: {ids}."),
    "too_many_tries": ("Several wrong answers in a row: this answer was not judged. Wait {seconds} s, re-read the "
                       "question and your query's result, then try again.",
                       "여러 번 연속으로 틀려서 이번 답은 채점하지 않았습니다. {seconds}초 기다렸다가 질문과 쿼리 결과를 "
                       "다시 읽고 시도하세요."),
    "built_by_prepare": ("{what} was built for you by prepare(), so it earns no XP. To earn it, do the step "
                         "yourself: {how}",
                         "{what:은} prepare()가 대신 만들어 준 것이라 XP가 없습니다. XP를 받으려면 직접 하세요: {how}"),
    "nothing_ever_built": ("No flow log ever existed in this sandbox, so there is nothing to clean up yet: do "
                           "lab 01 first.",
                           "이 샌드박스에는 흐름 로그가 만들어진 적이 없어 아직 정리할 것이 없습니다. 먼저 실습 01을 하세요."),
    "alarms_left": ("CloudWatch alarms still there: {names}. An alarm bills every month it exists: delete it with "
                    "cloudwatch.delete_alarms(AlarmNames=[...]).",
                    "CloudWatch 경보가 아직 있습니다: {names}. 경보는 존재하는 달마다 요금이 붙으니 "
                    "cloudwatch.delete_alarms(AlarmNames=[...])로 삭제하세요."),
    "buckets_left": ("Still stored, and billed by size on AWS: buckets {buckets}. Empty each one, then delete it "
                     "(s3.delete_objects, s3.delete_bucket): a bucket must be empty before it can be deleted.",
                     "아직 저장되어 있고 AWS에서는 크기만큼 요금이 붙습니다: 버킷 {buckets}. 버킷마다 비운 뒤 "
                     "삭제하세요(s3.delete_objects, s3.delete_bucket). 버킷은 비어 있어야 삭제할 수 있습니다."),
    "log_group_left": ("Still stored, and billed by size on AWS: log group {group} (logs.delete_log_group).",
                       "아직 저장되어 있고 AWS에서는 크기만큼 요금이 붙습니다: 로그 그룹 {group}(logs.delete_log_group)."),
    "eips_left": ("Elastic IPs still allocated for the lab: {ids}. Release them with ec2.release_address(AllocationId=...).",
                  "실습용 탄력적 IP가 아직 할당되어 있습니다: {ids}. ec2.release_address(AllocationId=...)로 해제하세요."),
}

# What prepare() built, and how a student undoes it to do the step themselves (checks.why.built_by_prepare).
_PREPARED = {
    "vpc": ("The demo VPC", "데모 VPC",
            "labkit.environment.teardown_demo_environment(), then run lab 01's build_demo_environment() cell.",
            "labkit.environment.teardown_demo_environment()를 실행한 뒤 실습 01의 build_demo_environment() 셀을 실행하세요."),
    "bucket": ("The flow-log bucket", "흐름 로그 버킷",
               "empty and delete the bucket (s3.delete_objects, s3.delete_bucket), then create it in lab 01.",
               "버킷을 비우고 삭제한 뒤(s3.delete_objects, s3.delete_bucket) 실습 01에서 직접 만드세요."),
    "flow-log": ("This flow log", "이 흐름 로그",
                 "ec2.delete_flow_logs(FlowLogIds=[...]), then create it with lab 01's cell.",
                 "ec2.delete_flow_logs(FlowLogIds=[...])로 삭제한 뒤 실습 01의 셀로 직접 만드세요."),
    "role": ("The role flowlogsrole", "역할 flowlogsrole",
             "iam.detach_role_policy(...) and iam.delete_role(RoleName='flowlogsrole'), then create it in lab 01.",
             "iam.detach_role_policy(...)와 iam.delete_role(RoleName='flowlogsrole')로 삭제한 뒤 실습 01에서 직접 만드세요."),
    "log-group": ("The log group VPCFlowLogs", "로그 그룹 VPCFlowLogs",
                  "logs.delete_log_group(logGroupName='VPCFlowLogs'), then create it in lab 01.",
                  "logs.delete_log_group(logGroupName='VPCFlowLogs')으로 삭제한 뒤 실습 01에서 직접 만드세요."),
}

_NOTES = {
    "traffic_filter": ("Flow log {name} captures {filter} traffic.", "흐름 로그 {name:은} {filter} 트래픽을 기록합니다."),
    "options_assumed": ("DestinationOptions were not reported; plain text (the default) is assumed.",
                        "DestinationOptions가 보고되지 않아 기본값인 일반 텍스트로 간주합니다."),
    "status_unreported": ("DeliverLogsStatus was not reported; delivery could not be confirmed.",
                          "DeliverLogsStatus가 보고되지 않아 전송 여부를 확인하지 못했습니다."),
    "answer_from_delivered": ("No traffic record on this machine: the answer is compared with the delivered flow logs.",
                              "이 컴퓨터에 트래픽 기록이 없어 전송된 흐름 로그와 답을 비교합니다."),
    "demo_vpc_gone": ("The demo VPC is already deleted.", "데모 VPC는 이미 삭제되었습니다."),
    "crawler_paths": ("Crawlers found crawl {found}.", "찾은 크롤러가 크롤링하는 곳: {found}."),
    "did_you_mean": ("Did you mean {found}? Names must match exactly: this step looks for {wanted}.",
                     "{found:을} 뜻했나요? 이름이 정확히 같아야 합니다. 이 단계는 {wanted:을} 찾습니다."),
    "did_you_mean_tag": ("Flow log {id} is tagged Name={found}: did you mean {wanted}? Fix the tag with "
                         "ec2.create_tags(Resources=['{id}'], Tags=[{{'Key': 'Name', 'Value': '{wanted}'}}]).",
                         "흐름 로그 {id}의 태그가 Name={found}입니다. {wanted:을} 뜻했나요? "
                         "ec2.create_tags(Resources=['{id}'], Tags=[{{'Key': 'Name', 'Value': '{wanted}'}}])로 태그를 "
                         "고치세요."),
    "fix_flow_log": ("A flow log cannot be changed, and creating the same one again fails (FlowLogAlreadyExists): "
                     "delete it with ec2.delete_flow_logs(FlowLogIds=['{id}']), then create it again.",
                     "흐름 로그는 수정할 수 없고, 같은 것을 다시 만들면 실패합니다(FlowLogAlreadyExists). "
                     "ec2.delete_flow_logs(FlowLogIds=['{id}'])로 삭제한 뒤 다시 만드세요."),
    "fix_table": ("CREATE EXTERNAL TABLE IF NOT EXISTS does nothing while {table} exists: run DROP TABLE {table} "
                  "first, then create it again (dropping an external table deletes no flow-log file).",
                  "{table:이} 있는 동안 CREATE EXTERNAL TABLE IF NOT EXISTS는 아무것도 하지 않습니다. 먼저 DROP "
                  "TABLE {table:을} 실행한 뒤 다시 만드세요(외부 테이블을 지워도 흐름 로그 파일은 지워지지 않습니다)."),
    "unreadable_objects": ("Skipped {count} object(s) that are not readable gzip text: {keys}.",
                           "읽을 수 있는 gzip 텍스트가 아닌 객체 {count}개를 건너뛰었습니다: {keys}."),
    "metric_filters_left": ("Still on log group {group}: metric filters {filters} (they go with the log group, or "
                            "logs.delete_metric_filter).",
                            "로그 그룹 {group}에 아직 지표 필터 {filters:이} 있습니다(로그 그룹과 함께 삭제되며, "
                            "logs.delete_metric_filter로도 삭제할 수 있습니다)."),
    "alerts_left": ("Still there, free while idle: {resources} (sns.delete_topic, sqs.delete_queue).",
                    "아직 있습니다(쓰지 않는 동안은 무료): {resources}(sns.delete_topic, sqs.delete_queue)."),
}

# Words placed into reasons (each language gets its own).
_WORDS = {
    "checks.direction.inbound": ("inbound", "인바운드"),
    "checks.direction.outbound": ("outbound", "아웃바운드"),
    "checks.kind.instance": ("an instance", "인스턴스"),
    "checks.kind.subnet": ("a subnet", "서브넷"),
    "checks.kind.vpc": ("a VPC", "VPC(가상 프라이빗 클라우드)"),
    "checks.kind.security-group": ("a security group", "보안 그룹"),
    "checks.kind.network-acl": ("a network ACL", "네트워크 ACL"),
    "checks.kind.flow-log": ("a flow log", "흐름 로그"),
    "checks.kind.internet-gateway": ("an internet gateway", "인터넷 게이트웨이"),
    "checks.kind.route-table": ("a route table", "라우팅 테이블"),
    "checks.kind.elastic-ip": ("an Elastic IP", "탄력적 IP"),
}

_RESULT = {
    "checks.result.passed": ("✔ {title}: passed, +{xp} XP", "✔ {title}: 통과, +{xp} XP"),
    "checks.result.already": ("✔ {title}: passed (its {xp} XP were already earned)",
                              "✔ {title}: 통과 ({xp} XP는 이미 받았습니다)"),
    "checks.result.not_yet": ("✘ {title}: not yet, 0 XP", "✘ {title}: 아직 아님, 0 XP"),
    "checks.result.hint": ("Hint: {hint}", "힌트: {hint}"),
    "checks.result.missing": ("What is missing:", "빠진 것:"),
    "checks.result.notes": ("Noted:", "참고:"),
    "checks.hint.line": ("Hint for {title}: {hint}", "{title} 힌트: {hint}"),
    "checks.step.line": ("{mark} {step} · {title} · worth {xp} XP", "{mark} {step} · {title} · 보상 {xp} XP"),
    "checks.unknown_step": ("There is no step {step}. Steps: {steps}", "{step} 단계는 없습니다. 단계 목록: {steps}"),
    "checks.unknown_reason": ("The sandbox answered with reasons this labkit does not know ({keys}): restart the "
                              "kernel so that both run the same labkit.",
                              "샌드박스가 이 labkit이 모르는 이유로 답했습니다({keys}). 커널을 다시 시작해 둘이 같은 "
                              "labkit을 쓰게 하세요."),
    "checks.forged_result": ("A check result can only come from running the check (lab.check).",
                             "확인 결과는 lab.check를 실행해야만 얻을 수 있습니다."),
}


def _entries() -> dict[str, dict[str, str]]:
    entries: dict[str, dict[str, str]] = {}
    for key, (en, ko) in _LABS.items():
        entries[key] = {"en": en, "ko": ko}
    for step, (title_en, title_ko, hint_en, hint_ko) in _STEPS.items():
        entries[f"checks.{step}.title"] = {"en": title_en, "ko": title_ko}
        entries[f"checks.{step}.hint"] = {"en": hint_en, "ko": hint_ko}
    for name, (en, ko) in _WHY.items():
        entries[f"checks.why.{name}"] = {"en": en, "ko": ko}
    for kind, (what_en, what_ko, how_en, how_ko) in _PREPARED.items():
        entries[f"checks.prepared.{kind}.what"] = {"en": what_en, "ko": what_ko}
        entries[f"checks.prepared.{kind}.how"] = {"en": how_en, "ko": how_ko}
    for name, (en, ko) in _NOTES.items():
        entries[f"checks.note.{name}"] = {"en": en, "ko": ko}
    for key, (en, ko) in {**_WORDS, **_RESULT}.items():
        entries[key] = {"en": en, "ko": ko}
    return entries


MESSAGES = _entries()
