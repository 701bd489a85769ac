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
}
