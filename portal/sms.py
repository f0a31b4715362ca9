"""Text messages through a pluggable backend chosen by settings alone.

`SMS_BACKEND` names the backend class: `portal.sms.ConsoleBackend` (the default: writes each
message to the log and keeps it in `portal.sms.outbox`, for development and tests) or
`portal.sms.AliyunBackend` (Alibaba Cloud SMS, configured by `SMS_ALIYUN_ACCESS_KEY_ID`,
`SMS_ALIYUN_ACCESS_KEY_SECRET`, `SMS_ALIYUN_SIGN_NAME` and `SMS_ALIYUN_TEMPLATE_CODE`, a
template with one `${message}` variable).
"""

import base64
import hashlib
import hmac
import json
import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol
from urllib.parse import quote, urlencode
from urllib.request import urlopen

from django.conf import settings
from django.utils.module_loading import import_string

from portal.identity import mask_identity_numbers

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TextMessage:
    """One text message to one phone number."""

    to: str
    body: str


outbox: list[TextMessage] = []
"""Messages the console backend has sent (tests read and clear it)."""


class SmsBackend(Protocol):
    """What a backend does: send one message, raising OSError when the provider refuses."""

    def send(self, message: TextMessage) -> None: ...


class ConsoleBackend:
    """Writes messages to the log and keeps them in `outbox`; sends nothing anywhere."""

    def send(self, message: TextMessage) -> None:
        outbox.append(message)
        logger.info("SMS to %s: %s", message.to, mask_identity_numbers(message.body))


def _percent(value: str) -> str:
    return quote(value, safe="~")


class AliyunBackend:
    """Alibaba Cloud SMS (dysmsapi SendSms, signature version 1.0)."""

    endpoint = "https://dysmsapi.aliyuncs.com/"

    def _signed_query(self, message: TextMessage) -> str:
        params = {
            "AccessKeyId": settings.SMS_ALIYUN_ACCESS_KEY_ID,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": message.to,
            "RegionId": "cn-hangzhou",
            "SignName": settings.SMS_ALIYUN_SIGN_NAME,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": settings.SMS_ALIYUN_TEMPLATE_CODE,
            "TemplateParam": json.dumps({"message": message.body}, ensure_ascii=False),
            "Timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25",
        }
        canonical = "&".join(f"{_percent(k)}={_percent(v)}" for k, v in sorted(params.items()))
        to_sign = f"GET&{_percent('/')}&{_percent(canonical)}"
        key = f"{settings.SMS_ALIYUN_ACCESS_KEY_SECRET}&".encode()
        digest = hmac.new(key, to_sign.encode(), hashlib.sha1).digest()
        return urlencode({**params, "Signature": base64.b64encode(digest).decode()})

    def send(self, message: TextMessage) -> None:
        with urlopen(f"{self.endpoint}?{self._signed_query(message)}", timeout=10) as response:  # noqa: S310  # nosec B310
            answer = json.loads(response.read().decode())
        if answer.get("Code") != "OK":
            raise OSError(f"Aliyun SMS refused the message: {answer.get('Code')}")


def sms_backend() -> SmsBackend:
    """The configured backend (`SMS_BACKEND`, the console backend by default)."""
    path = getattr(settings, "SMS_BACKEND", "portal.sms.ConsoleBackend")
    return import_string(path)()


def send_sms(*, to: str, body: str) -> bool:
    """Send one text message; False (logged) when the provider cannot be reached or refuses."""
    try:
        sms_backend().send(TextMessage(to=to, body=body))
    except OSError:
        logger.exception("A text message could not be sent.")
        return False
    return True
