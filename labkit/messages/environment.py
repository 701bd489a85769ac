MESSAGES = {
    "environment.no_target": {
        "en": "No AWS target: set AWS_ENDPOINT_URL to a running sandbox (start one with `labkit sandbox`), "
              "or set LABKIT_TARGET=aws to use your real AWS account on purpose.",
        "ko": "대상 AWS가 없습니다. 실행 중인 샌드박스 주소를 AWS_ENDPOINT_URL에 지정하거나(`labkit sandbox`로 시작), "
              "실제 AWS 계정을 쓰려면 LABKIT_TARGET=aws를 명시적으로 설정하세요.",
    },
    "environment.up": {
        "en": "Demo environment ready: VPC {vpc_id}, bastion {bastion_id} ({bastion_ip}, ENI {bastion_eni}), "
              "private instance {private_id} ({private_ip}).",
        "ko": "데모 환경 준비 완료: VPC {vpc_id}, 배스천 호스트 {bastion_id} ({bastion_ip}, ENI {bastion_eni}), "
              "프라이빗 인스턴스 {private_id} ({private_ip}).",
    },
    "environment.down": {
        "en": "Demo environment deleted (VPC {vpc_id}).",
        "ko": "데모 환경을 삭제했습니다 (VPC {vpc_id}).",
    },
    "environment.absent": {
        "en": "There is no demo environment to delete.",
        "ko": "삭제할 데모 환경이 없습니다.",
    },
    "environment.aws_error": {
        "en": "AWS refused the request: {detail}",
        "ko": "AWS가 요청을 거부했습니다: {detail}",
    },
}
