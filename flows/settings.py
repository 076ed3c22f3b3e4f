"""Settings: packaged defaults, overridden key by key by the user's TOML file, frozen.

One `Settings` object is built at start-up and passed explicitly; nothing reads the
environment or the config file later. Unknown keys are errors so typos do not pass silently.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flows.errors import ConfigError

DEFAULT_CONFIG = Path("config/claimtrack.toml")


@dataclass(frozen=True)
class HttpSettings:
    user_agent: str
    contact: str
    connect_timeout: float
    read_timeout: float
    max_feed_bytes: int
    max_page_bytes: int
    max_redirects: int
    concurrency: int
    per_host: int
    max_retry_wait: float
    backoff_minutes: float
    backoff_max_hours: float
    allow_private: bool

    def __post_init__(self) -> None:
        for name in ("concurrency", "per_host", "max_redirects", "max_feed_bytes", "max_page_bytes"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < (0 if name == "max_redirects" else 1):
                raise ConfigError(f"{name} must be a positive whole number, not {value!r}")
        for name in ("connect_timeout", "read_timeout", "max_retry_wait", "backoff_minutes", "backoff_max_hours"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value < 0:
                raise ConfigError(f"{name} must be a number of at least 0, not {value!r}")

    @property
    def user_agent_header(self) -> str:
        return f"{self.user_agent} (+{self.contact})" if self.contact else self.user_agent


@dataclass(frozen=True)
class ExtractSettings:
    model: str
    batch_size: int
    entities: Path | None
    claims: Path | None
    risk: Path | None = None       # the user's risk topics (config/risk.toml)
    workers: int = 0               # processes for large extractions; 0: one per CPU core
    dask_address: str = ""         # a Dask scheduler (tcp://host:8786): extraction runs on its workers

    @property
    def processes(self) -> int:
        return self.workers or (os.cpu_count() or 1)


@dataclass(frozen=True)
class DigestSettings:
    out_dir: Path
    timezone: str
    recipients: tuple[str, ...]
    sender: str
    smtp_host: str = "localhost"
    smtp_port: int = 587
    smtp_security: str = "starttls"          # starttls | ssl | none
    smtp_username: str = ""
    smtp_password_env: str = "CLAIMTRACK_SMTP_PASSWORD"   # the password is read from this variable only
    smtp_timeout: float = 30.0
    smtp_ca_file: Path | None = None      # a private CA to trust besides the system's (an internal relay)

    def __post_init__(self) -> None:
        if self.smtp_security not in ("starttls", "ssl", "none"):
            raise ConfigError(f"smtp_security must be starttls, ssl or none, not {self.smtp_security!r}")
        if self.smtp_username and self.smtp_security == "none":
            raise ConfigError("smtp_username is set with smtp_security = \"none\": the password would cross the "
                              "network in clear; use starttls or ssl")
        if self.smtp_ca_file is not None and not self.smtp_ca_file.is_file():
            raise ConfigError(f"smtp_ca_file {self.smtp_ca_file} is not a file")
        if isinstance(self.smtp_port, bool) or not isinstance(self.smtp_port, int) or not 0 < self.smtp_port < 65536:
            raise ConfigError(f"smtp_port must be a port number, not {self.smtp_port!r}")
        for r in (*self.recipients, self.sender):
            if not isinstance(r, str) or "@" not in r or any(c in r for c in "\r\n<>,"):
                raise ConfigError(f"{r!r} is not a plain e-mail address")


@dataclass(frozen=True)
class ScheduleSettings:
    pipeline_every_minutes: float
    pipeline_cron: str
    digest_cron: str
    timezone: str

    def __post_init__(self) -> None:
        every = self.pipeline_every_minutes
        if isinstance(every, bool) or not isinstance(every, (int, float)) or every <= 0:
            raise ConfigError(f"pipeline_every_minutes must be a number above 0, not {every!r}")
        for name in ("pipeline_cron", "digest_cron"):
            value = getattr(self, name)
            if not isinstance(value, str) or (value and len(value.split()) != 5):
                raise ConfigError(f"{name} must be a cron line of 5 fields (minute hour day month weekday), not {value!r}")
        if not self.digest_cron:
            raise ConfigError("digest_cron must be set")
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise ConfigError(f"timezone must be an IANA name such as Europe/Berlin, not {self.timezone!r}") from None


@dataclass(frozen=True)
class StorageSettings:
    db: Path
    data_dir: Path
    lock_wait_seconds: float


@dataclass(frozen=True)
class FeedConfig:
    url: str
    name: str = ""
    enabled: bool = True


@dataclass(frozen=True)
class Settings:
    config_path: Path | None
    storage: StorageSettings
    http: HttpSettings
    extract: ExtractSettings
    digest: DigestSettings
    schedule: ScheduleSettings
    feeds: tuple[FeedConfig, ...] = field(default_factory=tuple)

    def with_feeds(self, urls: list[str]) -> "Settings":
        """The same settings polling only `urls` (for `ingest --feed`)."""
        return replace(self, feeds=tuple(FeedConfig(url=resolve_feed_url(u, self.config_path)) for u in urls))

    def allowing_private(self) -> "Settings":
        """The same settings admitting loopback and private addresses (`--allow-private`)."""
        return replace(self, http=replace(self.http, allow_private=True))


def _merge(base: dict[str, Any], override: dict[str, Any], where: str) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if key not in base:
            raise ConfigError(f"{where}: unknown setting {key!r} (known: {', '.join(sorted(base))})")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: [{key}] must be a table")
            out[key] = _merge(base[key], value, f"{where} [{key}]")
        else:
            out[key] = value
    return out


def _section(cls: type, raw: dict[str, Any], where: str) -> Any:
    try:
        return cls(**{f.name: raw[f.name] for f in fields(cls)})
    except (TypeError, KeyError, ConfigError) as exc:
        raise ConfigError(f"{where}: {exc}") from exc


def resolve_feed_url(url: str, config_path: Path | None) -> str:
    """Feed URLs are http(s) or file:; a bare or relative path is a file next to the config."""
    if url.startswith(("http://", "https://", "file://")):
        return url
    path = Path(url[5:] if url.startswith("file:") else url)
    if not path.is_absolute():
        base = config_path.parent if config_path else Path.cwd()
        path = (base / path).resolve()
    return path.as_uri()


def _config_file(value: str, config_path: Path | None) -> Path | None:
    if not value:
        return None
    path = Path(value)
    if not path.is_absolute() and config_path is not None:
        path = config_path.parent / path
    return path if path.exists() else None


def load_settings(config_path: Path | None = None, db: Path | None = None) -> Settings:
    """Build the frozen settings: packaged defaults, then `config_path` (if it exists)."""
    defaults = tomllib.loads(resources.files("flows").joinpath("defaults.toml").read_text("utf-8"))
    raw = defaults
    if config_path is not None:
        if not config_path.exists():
            raise ConfigError(f"{config_path}: config file not found")
        try:
            user = tomllib.loads(config_path.read_text("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{config_path}: not valid TOML: {exc}") from exc
        raw = _merge(defaults, user, str(config_path))
    where = str(config_path or "defaults")

    storage = dict(raw["storage"])
    env_db = os.environ.get("CLAIMTRACK_DB")
    storage["db"] = Path(db or env_db or storage["db"])
    storage["data_dir"] = Path(storage["data_dir"])
    ext = dict(raw["extract"])
    ext["entities"] = _config_file(ext["entities"], config_path)
    ext["claims"] = _config_file(ext["claims"], config_path)
    ext["risk"] = _config_file(ext["risk"], config_path)
    dig = dict(raw["digest"])
    dig["out_dir"] = Path(dig["out_dir"])
    dig["recipients"] = tuple(dig["recipients"])
    if dig.get("smtp_ca_file"):
        ca = Path(dig["smtp_ca_file"])
        dig["smtp_ca_file"] = ca if ca.is_absolute() or config_path is None else config_path.parent / ca
    else:
        dig["smtp_ca_file"] = None

    feeds = []
    for i, item in enumerate(raw["feeds"]):
        if isinstance(item, str):
            item = {"url": item}
        if not isinstance(item, dict) or "url" not in item:
            raise ConfigError(f"{where}: feeds[{i}] needs a url")
        unknown = set(item) - {"url", "name", "enabled"}
        if unknown:
            raise ConfigError(f"{where}: feeds[{i}] has unknown keys {sorted(unknown)}")
        feeds.append(FeedConfig(url=resolve_feed_url(item["url"], config_path),
                                name=item.get("name", ""), enabled=item.get("enabled", True)))

    return Settings(
        config_path=config_path,
        storage=_section(StorageSettings, storage, f"{where} [storage]"),
        http=_section(HttpSettings, raw["http"], f"{where} [http]"),
        extract=_section(ExtractSettings, ext, f"{where} [extract]"),
        digest=_section(DigestSettings, dig, f"{where} [digest]"),
        schedule=_section(ScheduleSettings, raw["schedule"], f"{where} [schedule]"),
        feeds=tuple(f for f in feeds if f.enabled),
    )
