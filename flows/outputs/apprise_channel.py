"""The Apprise channel: one URL in config reaches Slack, Teams, Discord, Telegram, ntfy, a
webhook (json://, form://) and the other services Apprise knows. A target is named in the
delivery log without its secrets: a URL Apprise shows masked gets a short hash to tell it from
others, and a URL read from an environment variable (`url_env`, for URLs holding a token) is
named by the variable."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from claimtrack.flows.outputs.channels import Rendering, new_message_id
from claimtrack.errors import DeliveryError

_BODY_FORMATS = {"markdown": "markdown", "text": "text", "html": "html"}


def target_name(url: str) -> str:
    """How the log and the lines name an Apprise URL: as written when it holds no secret, else
    Apprise's masked form (no query) and the first 8 hex digits of the URL's SHA-256."""
    import apprise
    plugin = apprise.Apprise.instantiate(url)
    if plugin is None:                  # refused when the settings were read; named by its scheme only
        return url.partition("://")[0] + "://…"
    shown = plugin.url(privacy=True)
    if shown == plugin.url():
        return url
    return f"{shown.partition('?')[0]} #{hashlib.sha256(url.encode()).hexdigest()[:8]}"


@dataclass(frozen=True)
class AppriseChannel:
    """`[[channels]] kind = "apprise"`: its URLs (and the one in `url_env`), one rendering each."""
    name: str
    rendering: str                  # markdown | text | html
    urls: tuple[str, ...] = ()
    url_env: str = ""
    timeout: float = 30.0

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(target_name(u) for u in self.urls) + ((f"${self.url_env}",) if self.url_env else ())

    def message_id(self, rendering: Rendering) -> str:
        return new_message_id(rendering.key)

    def _url(self, target: str) -> str:
        if self.url_env and target == f"${self.url_env}":
            url = os.environ.get(self.url_env, "").strip()
            if not url:
                raise DeliveryError(f"{target}: the environment variable {self.url_env} holding the Apprise URL "
                                    "is not set")
            return url
        by_name = {target_name(u): u for u in self.urls}
        if target not in by_name:
            raise DeliveryError(f"{target}: not a URL of channel {self.name!r}")
        return by_name[target]

    def send(self, rendering: Rendering, target: str, message_id: str) -> str:
        """One notification through Apprise; a refusal or an unreachable service is a
        DeliveryError with what Apprise said (the URL's secrets replaced by its name)."""
        import apprise
        url = self._url(target)
        notifier = apprise.Apprise(asset=apprise.AppriseAsset(storage_mode="memory"))
        if not notifier.add(url):
            raise DeliveryError(f"{target}: Apprise cannot send to this URL (an unknown service, or a part "
                                "missing or malformed)")
        result = notifier.notify(body=rendering.body, title=rendering.subject,
                                 body_format=_BODY_FORMATS.get(rendering.format, "text"), timeout=self.timeout)
        if not result:
            said = "; ".join(dict.fromkeys(e.message for e in result.logs())) or f"status {result.status.name}"
            raise DeliveryError(f"{target}: {said.replace(url, target)}")
        return ""
