"""Signed course badges (labkit/grading/open_badges.py): what `labkit grade` and `labkit verify-badge` say,
and the bilingual texts inside the badge itself."""
MESSAGES = {
    # ---- inside the badge (Open Badges 2.0 BadgeClass, issuer Profile, evidence) ----
    "grading.badge.description": {
        "en": "Awarded by labkit's grader to a student whose every step of the VPC Flow Logs and Athena "
              "course it verified itself: {xp} XP.",
        "ko": "VPC 흐름 로그와 Athena 과정의 모든 단계를 labkit 채점기가 직접 확인한 학생에게 수여합니다: {xp} XP.",
    },
    "grading.badge.criteria": {
        "en": "Complete every lab of the course (flow logs delivered to S3 and CloudWatch Logs, reading flow-log "
              "records, querying them with Athena, cleaning up) so that the grader, running the notebooks in a "
              "sandbox of its own, verifies every step: {xp} XP.",
        "ko": "과정의 모든 실습(흐름 로그를 S3와 CloudWatch Logs로 전송, 흐름 로그 레코드 읽기, Athena로 쿼리, "
              "정리)을 마치고, 채점기가 자신의 샌드박스에서 노트북을 실행해 모든 단계를 확인해야 합니다: {xp} XP.",
    },
    "grading.badge.evidence": {
        "en": "The grader ran this student's notebooks in a sandbox of its own and verified {xp} of {total} XP.",
        "ko": "채점기가 이 학생의 노트북을 자신의 샌드박스에서 실행해 {total} XP 중 {xp} XP를 확인했습니다.",
    },
    "grading.badge.issuer_name": {
        "en": "labkit course instructor",
        "ko": "labkit 과정 강사",
    },
    # ---- labkit grade ----
    "grading.badge.key_created": {
        "en": "Created the issuer key {key} to sign badges: keep it private and back it up. Its public key, "
              "{public}, is the one to share: badges are checked against it.",
        "ko": "배지 서명용 발급자 키 {key:를} 만들었습니다. 비공개로 두고 백업하세요. 공유할 것은 공개 키 "
              "{public} 이며, 배지는 이 키로 검증합니다.",
    },
    "grading.badge.baked": {
        "en": "{count} signed badges in {folder}. Anyone can check one offline with: "
              "labkit verify-badge FILE --issuer-key {public}",
        "ko": "서명된 배지 {count}개를 {folder}에 만들었습니다. 누구나 오프라인으로 확인할 수 있습니다: "
              "labkit verify-badge FILE --issuer-key {public}",
    },
    "grading.badge.bad_issuer_key": {
        "en": "{path} cannot be used as the issuer key ({error}). Give an unencrypted RSA private key in PEM, "
              "or a path where no file is yet, and labkit makes a key there.",
        "ko": "{path:을} 발급자 키로 쓸 수 없습니다 ({error}). 암호화되지 않은 PEM 형식의 RSA 개인 키를 지정하거나, "
              "아직 파일이 없는 경로를 지정하면 labkit이 그곳에 키를 만듭니다.",
    },
    "grading.badge.weak_issuer_key": {
        "en": "{path} is not an RSA key of at least {bits} bits, which signed Open Badges (RS256) need. "
              "Give another path and labkit makes a key there.",
        "ko": "{path:은} 서명된 Open Badges(RS256)에 필요한 {bits}비트 이상의 RSA 키가 아닙니다. "
              "다른 경로를 지정하면 labkit이 그곳에 키를 만듭니다.",
    },
    # ---- labkit verify-badge ----
    "grading.badge.bad_public_key": {
        "en": "{path} is not a public key in PEM ({error}). Give the instructor's issuer-key.pub.pem.",
        "ko": "{path:은} PEM 형식의 공개 키가 아닙니다 ({error}). 강사의 issuer-key.pub.pem을 지정하세요.",
    },
    "grading.badge.unreadable": {
        "en": "{path} could not be read ({error}).",
        "ko": "{path:을} 읽을 수 없습니다 ({error}).",
    },
    "grading.badge.not_svg": {
        "en": "{path} is not an SVG image: a labkit badge is an .svg file.",
        "ko": "{path:은} SVG 이미지가 아닙니다. labkit 배지는 .svg 파일입니다.",
    },
    "grading.badge.no_assertion": {
        "en": "{path} holds no Open Badges assertion: it is a picture of a badge, not a badge that can be verified.",
        "ko": "{path}에는 Open Badges 어서션이 없습니다. 검증할 수 있는 배지가 아니라 배지 그림일 뿐입니다.",
    },
    "grading.badge.many_assertions": {
        "en": "{path} holds more than one Open Badges assertion; a baked badge holds exactly one.",
        "ko": "{path}에 Open Badges 어서션이 둘 이상 있습니다. 배지 파일에는 어서션이 정확히 하나만 있어야 합니다.",
    },
    "grading.badge.not_signed": {
        "en": "{path} holds no signed assertion (its verify attribute is not a JWS): labkit checks signed badges only.",
        "ko": "{path}에는 서명된 어서션이 없습니다 (verify 속성이 JWS가 아님). labkit은 서명된 배지만 확인합니다.",
    },
    "grading.badge.bad_jws": {
        "en": "{path}: the signed assertion is damaged (not a readable JWS).",
        "ko": "{path}: 서명된 어서션이 손상되었습니다 (읽을 수 있는 JWS가 아님).",
    },
    "grading.badge.bad_algorithm": {
        "en": "{path} is signed with {alg}, not RS256: labkit did not sign it. Do not accept it.",
        "ko": "{path:은} RS256이 아닌 {alg:로} 서명되어 있어 labkit이 서명한 배지가 아닙니다. 받아들이지 마세요.",
    },
    "grading.badge.not_assertion": {
        "en": "{path}: the signed content is not an Open Badges 2.0 assertion as labkit issues them "
              "({field} is missing or wrong).",
        "ko": "{path}: 서명된 내용이 labkit이 발급하는 Open Badges 2.0 어서션이 아닙니다 ({field:이} 없거나 잘못됨).",
    },
    "grading.badge.not_course_badge": {
        "en": "{path} asserts the badge {badge}, not the course's {expected}.",
        "ko": "{path:은} 과정 배지 {expected:가} 아니라 {badge} 배지를 증명합니다.",
    },
    "grading.badge.bad_signature": {
        "en": "{path}: the signature does not match. The badge was changed after it was signed, or was not signed "
              "with the key it names. Do not accept it.",
        "ko": "{path}: 서명이 맞지 않습니다. 서명 후에 배지가 바뀌었거나, 배지에 적힌 키로 서명되지 않았습니다. "
              "받아들이지 마세요.",
    },
    "grading.badge.wrong_issuer": {
        "en": "{path} was signed with the key {key}, not with the issuer key given ({expected}): this instructor "
              "did not issue it.",
        "ko": "{path:은} 지정한 발급자 키({expected})가 아니라 {key} 키로 서명되었습니다. 이 강사가 발급한 배지가 "
              "아닙니다.",
    },
    "grading.badge.revoked": {
        "en": "{path}: its issuer revoked this badge ({reason}).",
        "ko": "{path}: 발급자가 이 배지를 취소했습니다 ({reason}).",
    },
    "grading.badge.expired": {
        "en": "{path}: this badge expired on {expires}.",
        "ko": "{path}: 이 배지는 {expires}에 만료되었습니다.",
    },
    "grading.badge.not_recipient": {
        "en": "{path} was not issued to {student}.",
        "ko": "{path:은} {student}에게 발급된 배지가 아닙니다.",
    },
    "grading.badge.valid": {
        "en": "{path}: a valid {badge}, {xp} XP, issued on {issued_on} to the recipient {recipient} "
              "(the student id, hashed with SHA-256 and the salt {salt}).",
        "ko": "{path}: 유효한 {badge}, {xp} XP, {issued_on}에 수신자 {recipient}에게 발급 "
              "(학생 ID를 솔트 {salt:와} 함께 SHA-256으로 해시한 값).",
    },
    "grading.badge.for_student": {
        "en": "It was issued to {student}.",
        "ko": "{student}에게 발급된 배지입니다.",
    },
    "grading.badge.issuer_checked": {
        "en": "Signed with the issuer key given ({key}).",
        "ko": "지정한 발급자 키({key})로 서명되었습니다.",
    },
    "grading.badge.issuer_unchecked": {
        "en": "Signed with the key {key}, which the badge carries itself: anyone can make such a key. To know "
              "that the instructor signed it, run again with --issuer-key and the instructor's public key.",
        "ko": "배지 안에 들어 있는 키 {key:로} 서명되었습니다. 이런 키는 누구나 만들 수 있습니다. 강사가 서명했는지 "
              "확인하려면 --issuer-key에 강사의 공개 키를 지정해 다시 실행하세요.",
    },
}
