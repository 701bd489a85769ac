MESSAGES = {
    "sandbox.ready": {
        "en": "Sandbox ready at {url}",
        "ko": "샌드박스 준비 완료: {url}",
    },
    "sandbox.endpoint_line": {
        "en": "AWS_ENDPOINT_URL={url}",
        "ko": "AWS_ENDPOINT_URL={url}",
    },
    "sandbox.serving": {
        "en": "Serving the labkit sandbox on 127.0.0.1 until interrupted (Ctrl+C).",
        "ko": "중단할 때까지(Ctrl+C) 127.0.0.1에서 labkit 샌드박스를 실행합니다.",
    },
    "sandbox.snapshot_unreadable": {
        "en": "The saved sandbox could not be restored ({reason}). This sandbox starts empty; the old file "
              "was kept as {path}. Run the earlier labs again, or call prepare().",
        "ko": "저장된 샌드박스를 복원하지 못했습니다({reason}). 이 샌드박스는 빈 상태로 시작하며, 이전 파일은 "
              "{path} 이름으로 보관했습니다. 이전 실습을 다시 실행하거나 prepare()를 호출하세요.",
    },
    "sandbox.snapshot_reason.version": {
        "en": "it was saved by another version: format {found_format}, moto {found_moto}; this sandbox is "
              "format {format}, moto {moto}",
        "ko": "다른 버전이 저장한 파일: 형식 {found_format}, moto {found_moto} / 이 샌드박스: 형식 {format}, "
              "moto {moto}",
    },
    "sandbox.snapshot_reason.damaged": {
        "en": "the file is damaged or incomplete",
        "ko": "손상되었거나 일부만 저장된 파일",
    },
}
