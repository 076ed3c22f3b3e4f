"""The one exception tree for claimtrack.

Transient errors may succeed when retried (Prefect retries only those); permanent ones
are recorded against the feed, article or recipient and the run goes on.
"""
from __future__ import annotations


class ClaimtrackError(Exception):
    """Base of every error claimtrack raises on purpose; the CLI prints it as one line."""


class ConfigError(ClaimtrackError):
    """The settings file or a data file under config/ is missing or wrong."""


MAX_SHOWN_URL = 300          # characters of a URL quoted in an error; a 100 KB link is cut


def shown_url(url: str) -> str:
    """The URL as an error quotes it: whole, or cut with its length said when it is huge."""
    if len(url) <= MAX_SHOWN_URL:
        return url
    return f"{url[:MAX_SHOWN_URL]}… ({len(url):,} characters)"


class FetchError(ClaimtrackError):
    """Getting a feed or a page failed; `url` names what was asked for."""

    def __init__(self, url: str, message: str, status: int | None = None) -> None:
        super().__init__(f"{shown_url(url)}: {message}")
        self.url = url
        self.status = status
        self.reason = message

    def __reduce__(self):
        # pickled whole (to and from worker processes), not re-made from the message alone
        return (_rebuilt, (type(self), self.__dict__, str(self)))


class TransientFetchError(FetchError):
    """Timeouts, resets, 5xx, 429: worth trying again later."""

    def __init__(self, url: str, message: str, status: int | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(url, message, status)
        self.retry_after = retry_after


class SlowServerError(TransientFetchError):
    """No response within the request's deadline, or a body slower than the minimum rate: tried
    again on a later poll, not within the run (a host that trickles bytes would hold it)."""


class PermanentFetchError(FetchError):
    """4xx, refused addresses or schemes, redirects to no http(s) URL, oversize bodies: retrying
    now will not help."""


class ParseError(ClaimtrackError):
    """A feed or page could not be parsed into anything usable."""


class WalledPage(ParseError):
    """A fetched page is a wall (paywall, consent wall, bot challenge, error page), not the
    article (flows/sources/walls.py); `kind` says which."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind

    def __reduce__(self):
        return (_rebuilt, (type(self), self.__dict__, str(self)))


class DtdRefused(ParseError):
    """An XML listing declares a DTD: refused before any entity could be expanded."""


class CorpusError(ConfigError):
    """A file of an evaluation corpus breaks its conventions; the message names the file and passage."""


class ExtractionError(ClaimtrackError):
    """The spaCy pipeline could not be built (a model that cannot be loaded), or the worker
    processes extracting a batch died; one article that fails is recorded, not raised."""


class StoreError(ClaimtrackError):
    """The database could not be opened, migrated or written."""


class StoreLockedError(StoreError):
    """Another process holds the database file; we waited and gave up."""


class StoreConflict(StoreError):
    """On a DuckLake, another writer committed first and this write conflicts with it; nothing
    of it was stored (`Store.batch` runs it again on the new snapshot)."""


class QueryRefused(ClaimtrackError):
    """A statement given to `claimtrack sql` would write, attach, install or copy out, or it
    failed, ran out of time or memory, or returned more rows than allowed."""


class DigestError(ClaimtrackError):
    """The digest could not be rendered or sent."""


class SiteError(ClaimtrackError):
    """The claim site cannot be written (a folder that holds something else, a full disk)."""


class DeliveryError(ClaimtrackError):
    """A channel could not deliver to one target; recorded for that target, the others still get theirs."""


class TransientDeliveryError(DeliveryError):
    """A refusal worth another try within the run (an SMTP 4xx, a dropped connection)."""


class TransientSmtpError(TransientDeliveryError):
    """An SMTP refusal worth trying again (4xx, a dropped connection)."""


def _rebuilt(cls: type, attrs: dict, message: str) -> Exception:
    """An error of ours with its attributes, as pickled by its `__reduce__`."""
    exc = cls.__new__(cls)
    Exception.__init__(exc, message)
    exc.__dict__.update(attrs)
    return exc
