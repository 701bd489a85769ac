MESSAGES = {
    "environment.no_target": "No AWS target: set AWS_ENDPOINT_URL to a running sandbox (start one with `labkit "
    "sandbox`), or set LABKIT_TARGET=aws to use your real AWS account on purpose.",
    "environment.up": "Demo environment ready: VPC {vpc_id}, bastion {bastion_id} ({bastion_ip}, ENI {bastion_eni}), "
    "private instance {private_id} ({private_ip}).",
    "environment.down": "Demo environment deleted (VPC {vpc_id}).",
    "environment.absent": "There is no demo environment to delete.",
    "environment.aws_error": "AWS refused the request: {detail}",
}
