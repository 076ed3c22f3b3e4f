"""Where a dateline opening a text ends: a wire's ("NEW YORK (Reuters) -", "(Bloomberg) --"), a
place and date in title case ("Abu Dhabi, UAE – 24 December 2025:", "PANews, December 8—") or a
place or site label before a dash ("New York City – Rithm Capital ..."). Its words name no party."""
from __future__ import annotations

import re

# a wire dateline opening the text: "NEW YORK (Reuters) -", "MCLEAN, Va., March 5, 2025 /PRNewswire/ --"
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'’-]{2,}(?:,\s*[A-Z][\w.]*\.?(?:\s[A-Z][\w.]*)?)*"
                       r"(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([\w .]+\)|/[^/\n]{2,40}/)?\s*[-–—]+"
                       # "Tokyo, June 18 (Jiji Press)--": a place in title case, with its date and agency
                       r"|^\s*[A-Z][\w .'’-]{2,30},\s*[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?\s*(?:\([\w .]+\))?\s*[-–—]+"
                       r"|^\s*[A-Z][\w .'’-]{2,30}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)+\s*[-–—]+\s*"  # "Abu Dhabi, UAE –
                       r"(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\.?\s+\d{1,2}),?\s+\d{4}\s*:"       # 24 December 2025:"
                       r"|^\s*\([A-Z][\w .-]{1,30}\)\s*[-–—]+"           # "(Bloomberg) --": the agency alone
                       r"|^\s*[A-Z][\w'’]*(?: [A-Z][\w'’]*){1,3} [-–—] (?=[A-Z])"      # "New York City – Rithm Capital", "Core Insights - X"
                       r"|^\s*\[[A-Z][A-Z .'’-]{2,30}\]"                     # "[SINGAPORE] Grab announced"
                       r"|^\s*(?:UPDATE|UPDATED|BREAKING|EXCLUSIVE)\b(?:\s*\d{1,2})?\s*[-–—:]?(?=\s*[A-Z])")   # "UPDATE TELUS"


def dateline_end(text: str) -> int:
    """Where a wire dateline opening `text` ends (0 when there is none)."""
    m = _DATELINE.match(text)
    return m.end() if m else 0
