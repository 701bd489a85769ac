"""What the demo environment consists of: names, address plan, and the rules tutorials leave behind.

Everything is found again by its Name tag, which is what makes building idempotent.
"""

from __future__ import annotations

VPC_NAME = "labkit-demo-vpc"
PUBLIC_SUBNET_NAME = "labkit-public-subnet"
PRIVATE_SUBNET_NAME = "labkit-private-subnet"
IGW_NAME = "labkit-igw"
PUBLIC_ROUTE_TABLE_NAME = "labkit-public-rt"
BASTION_NAME = "labkit-bastion"
BASTION_SG_NAME = "labkit-bastion-sg"
PRIVATE_NAME = "labkit-private"
PRIVATE_SG_NAME = "labkit-private-sg"

VPC_CIDR = "10.0.0.0/16"
PUBLIC_SUBNET_CIDR = "10.0.1.0/24"
PRIVATE_SUBNET_CIDR = "10.0.2.0/24"
BASTION_IP = "10.0.1.10"
PRIVATE_IP = "10.0.2.20"
INSTANCE_TYPE = "t3.micro"  # Nitro: flow logs aggregate at 60 s or less whatever the setting

AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
AMI_NAME_PATTERN = "al2023-ami-2023*-x86_64"

# SSH open to the world, as many tutorials leave it: the reason the bastion is attacked.
BASTION_INGRESS = [
    {
        "IpProtocol": "tcp",
        "FromPort": 22,
        "ToPort": 22,
        "IpRanges": [{"CidrIp": "0.0.0.0/0", "Description": "SSH from anywhere"}],
    },
]


def private_ingress(bastion_sg_id: str) -> list[dict]:
    """The private instance accepts SSH only from the bastion's security group."""
    return [
        {
            "IpProtocol": "tcp",
            "FromPort": 22,
            "ToPort": 22,
            "UserIdGroupPairs": [{"GroupId": bastion_sg_id, "Description": "SSH from the bastion"}],
        }
    ]
