"""Signed course badges (labkit/grading/open_badges.py): what `labkit grade` and `labkit verify-badge` say,
and the bilingual texts inside the badge itself."""

MESSAGES = {
    # ---- inside the badge (Open Badges 2.0 BadgeClass, issuer Profile, evidence) ----
    "grading.badge.description": "Awarded by labkit's grader to a student whose every step of the VPC Flow Logs and "
    "Athena course it verified itself: {xp} XP.",
    "grading.badge.criteria": "Complete every lab of the course (flow logs delivered to S3 and CloudWatch Logs, "
    "reading flow-log records, querying them with Athena, cleaning up) so that the grader, "
    "running the notebooks in a sandbox of its own, verifies every step: {xp} XP.",
    "grading.badge.evidence": "The grader ran this student's notebooks in a sandbox of its own and verified {xp} of "
    "{total} XP.",
    "grading.badge.issuer_name": "labkit course instructor",
    # ---- labkit grade ----
    "grading.badge.key_created": "Created the issuer key {key} to sign badges: keep it private and back it up. Its "
    "public key, {public}, is the one to share: badges are checked against it.",
    "grading.badge.baked": "{count} signed badges in {folder}. Anyone can check one offline with: labkit verify-badge "
    "FILE --issuer-key {public}",
    "grading.badge.bad_issuer_key": "{path} cannot be used as the issuer key ({error}). Give an unencrypted RSA "
    "private key in PEM, or a path where no file is yet, and labkit makes a key there.",
    "grading.badge.weak_issuer_key": "{path} is not an RSA key of at least {bits} bits, which signed Open Badges "
    "(RS256) need. Give another path and labkit makes a key there.",
    # ---- labkit verify-badge ----
    "grading.badge.bad_public_key": "{path} is not a public key in PEM ({error}). Give the instructor's "
    "issuer-key.pub.pem.",
    "grading.badge.unreadable": "{path} could not be read ({error}).",
    "grading.badge.not_svg": "{path} is not an SVG image: a labkit badge is an .svg file.",
    "grading.badge.no_assertion": "{path} holds no Open Badges assertion: it is a picture of a badge, not a badge "
    "that can be verified.",
    "grading.badge.many_assertions": "{path} holds more than one Open Badges assertion; a baked badge holds exactly "
    "one.",
    "grading.badge.not_signed": "{path} holds no signed assertion (its verify attribute is not a JWS): labkit checks "
    "signed badges only.",
    "grading.badge.bad_jws": "{path}: the signed assertion is damaged (not a readable JWS).",
    "grading.badge.bad_algorithm": "{path} is signed with {alg}, not RS256: labkit did not sign it. Do not accept it.",
    "grading.badge.not_assertion": "{path}: the signed content is not an Open Badges 2.0 assertion as labkit issues "
    "them ({field} is missing or wrong).",
    "grading.badge.not_course_badge": "{path} asserts the badge {badge}, not the course's {expected}.",
    "grading.badge.bad_signature": "{path}: the signature does not match. The badge was changed after it was signed, "
    "or was not signed with the key it names. Do not accept it.",
    "grading.badge.wrong_issuer": "{path} was signed with the key {key}, not with the issuer key given ({expected}): "
    "this instructor did not issue it.",
    "grading.badge.revoked": "{path}: its issuer revoked this badge ({reason}).",
    "grading.badge.expired": "{path}: this badge expired on {expires}.",
    "grading.badge.not_recipient": "{path} was not issued to {student}.",
    "grading.badge.valid": "{path}: a valid {badge}, {xp} XP, issued on {issued_on} to the recipient {recipient} (the "
    "student id, hashed with SHA-256 and the salt {salt}).",
    "grading.badge.for_student": "It was issued to {student}.",
    "grading.badge.issuer_checked": "Signed with the issuer key given ({key}).",
    "grading.badge.issuer_unchecked": "Signed with the key {key}, which the badge carries itself: anyone can make "
    "such a key. To know that the instructor signed it, run again with --issuer-key "
    "and the instructor's public key.",
}
