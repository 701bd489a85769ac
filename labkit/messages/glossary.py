"""The course's Korean terms: one word per idea, as the AWS Korean console and documentation use them.

Messages and notebooks alike use the Korean term of each idea and none of its variants;
tests/test_korean.py enforces it over every Korean message and every Korean paragraph of the notebooks.
AWS's literal values (`ACCEPT`, `REJECT`, API and resource names) stay in English.

    >>> forbidden_in("플로 로그를 S3로 전달합니다")
    [('플로 로그', '흐름 로그'), ('전달', '로그 전송, 전송하다')]

Choices that AWS's own Korean leaves open:
- log delivery is 전송 (the console's "CloudWatch Logs로 전송", the documentation's "로그 전송 서비스"),
  never 전달, so "delivered files" are 전송된 파일;
- a course step's check is 확인 (as in "Check my progress"; 확인 is also the everyday verb "make sure"),
  never 검사 or 점검;
- to query is 쿼리하다 (the documentation's "Athena로 흐름 로그 쿼리"), never 조회하다;
- a record's source and destination are 소스 and 대상 (the flow-log record fields' documentation:
  "대상 포트 22"), never 출발지 / 목적지.
"""

from __future__ import annotations

import re

# (English, Korean term, variants that must not appear in Korean text: regular expressions)
TERMS = [
    ("flow log", "흐름 로그", [r"플로우? ?로그"]),
    ("flow log record", "흐름 로그 레코드", []),
    ("security group", "보안 그룹", [r"시큐리티 ?그룹"]),
    ("network ACL", "네트워크 ACL", [r"네트워크 액세스 제어 목록"]),
    ("inbound / outbound rule", "인바운드 / 아웃바운드 규칙", [r"수신 규칙", r"송신 규칙"]),
    ("route table", "라우팅 테이블", [r"라우트 테이블", r"경로 테이블"]),
    ("internet gateway", "인터넷 게이트웨이", []),
    ("Elastic IP address", "탄력적 IP 주소", [r"[엘일]라스틱 ?IP"]),
    ("network interface (ENI)", "네트워크 인터페이스", [r"네트워크 인터훼이스"]),
    ("bastion host", "배스천 호스트", [r"바스티온", r"[베바]스천"]),
    ("log group / log stream / log event", "로그 그룹 / 로그 스트림 / 로그 이벤트", []),
    ("retention", "보존 기간", [r"보관 기간", r"유지 기간"]),
    ("metric / metric filter", "지표 / 지표 필터", [r"메트릭"]),
    ("alarm", "경보", [r"알람"]),
    ("filter pattern", "필터 패턴", []),
    ("maximum aggregation interval", "최대 집계 간격", [r"집계 구간", r"집계 주기"]),
    ("destination (of a flow log, of a record)", "대상", [r"목적지"]),
    ("source (of a record)", "소스", [r"출발지"]),
    ("log delivery, to deliver", "로그 전송, 전송하다", [r"전달"]),
    ("trust policy", "신뢰 정책", [r"트러스트 ?정책"]),
    ("(service) principal", "(서비스) 보안 주체", [r"(?<!보안 )주체"]),
    ("role / managed policy / inline policy", "역할 / 관리형 정책 / 인라인 정책", [r"관리 정책"]),
    ("bucket policy", "버킷 정책", []),
    ("workgroup", "작업 그룹", [r"워크 ?그룹"]),
    ("query result location", "쿼리 결과 위치", [r"출력 위치"]),
    ("to query", "쿼리하다", [r"조회하", r"로 조회"]),
    ("partition / partition projection", "파티션 / 파티션 프로젝션", [r"파티션 투영"]),
    ("crawler / Data Catalog", "크롤러 / 데이터 카탈로그", [r"Glue 카탈로그"]),
    ("data scanned", "스캔한 데이터", [r"스캔된 데이터"]),
    ("allowed / rejected", "허용된 / 거부된", [r"거절"]),
    ("attacker, scanner", "공격자, 스캐너", []),
    ("the most active attacker", "가장 활발한 공격자", [r"최악의 공격자", r"가장 심한 공격자", r"최다 공격자"]),
    ("check (a course step's verification)", "확인", [r"검사", r"점검"]),
    ("badge", "배지", [r"뱃지"]),
    ("Flow Log Analyst Badge", "흐름 로그 분석가 배지", [r"Flow Log Analyst"]),
]

_FORBIDDEN = [(re.compile(variant), term) for _, term, variants in TERMS for variant in variants]


def forbidden_in(text: str) -> list[tuple[str, str]]:
    """(variant found, term to use instead) for every forbidden variant in Korean `text`, in order."""
    found = [(match.start(), match.group(), term) for pattern, term in _FORBIDDEN for match in pattern.finditer(text)]
    return [(variant, term) for _, variant, term in sorted(found)]
