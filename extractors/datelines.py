"""Where a dateline opening a text ends: a wire's ("NEW YORK (Reuters) -", "(Bloomberg) --",
"Oct 6 (Reuters) -", "TOKYO:"), a place and date in title case ("Abu Dhabi, UAE – 24 December
2025:", "PANews, December 8—", "New Delhi, Jul 23 (PTI)") or a place or site label before a dash
("New York City – Rithm Capital ...", "Investing.com --"). Its words name no party, and the text
after it is a sentence of its own: left joined, the parse reads "May" of "May 6 (Reuters) -
Brookfield will invest" as the one who invests."""
from __future__ import annotations

import re

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DATE = rf"{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?"                  # "Oct. 17, 2025", "May 6"
_AGENCY = r"\([\w .&'’-]{1,30}\)"                                   # "(Reuters)", "(dpa-AFX)", "(Jiji Press)"
_DASH = r"[-–—]+"
# a place in capitals, several joined by "/" or "&": "NEW YORK", "SYDNEY/BEIJING/SHANGHAI", "SAN FRANCISCO & HAMBURG"
_PLACE = r"[A-Z][A-Z.'’]+(?:(?: |/| & |-)[A-Z][A-Z.'’]+)*"
_TITLES = r"CEO|CFO|COO|CTO|CHIEF|CHAIR\w*|PRESIDENT|FOUNDER|BOSS|HEAD|WATCH|OPINION|ANALYSIS|EXCLUSIVE|UPDATE"
_REGION = r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})*"             # ", Va.", ", United Arab Emirates"

_DATELINE = re.compile("|".join(rf"^\s*(?:{form})" for form in (
    # "NEW YORK (Reuters) -", "MILAN, June 26 (Reuters) -", "MCLEAN, Va., March 5, 2025 /PRNewswire/ --",
    # "CALGARY — ": the dash after a space or the agency, so "U.K.-based" and "NYSE-listed" are no datelines
    rf"{_PLACE}{_REGION}(?:,\s*{_DATE})?\s*(?:{_AGENCY}|/[^/\n]{{2,40}}/)?\s*(?<=[\s)/]){_DASH}",
    # "SAN FRANCISCO--(BUSINESS WIRE)--", "SAN FRANCISCO & HAMBURG, Germany--(BUSINESS WIRE)--Apr 16, 2025--"
    rf"{_PLACE}{_REGION}{_DASH}\([A-Z][\w ]{{2,30}}\){_DASH}(?:{_DATE}{_DASH})?",
    # "TOKYO:", "MUMBAI :", "SYDNEY/BEIJING/SHANGHAI (March 26):", a sentence after it (three letters
    # at least: "AI: the boom" is no place; a headline's "ORACLE CEO: NOT CONCERNED" names a person)
    rf"(?=[A-Z]{{3}})(?![A-Z. /&]*\b(?:{_TITLES})\b){_PLACE}\s*(?:\([^()\n]{{1,30}}\))?\s*:(?!\d)(?=\s*[A-Z][a-z])",
    # "Tokyo, June 18 (Jiji Press)--", "India, July 29 --", "New Delhi, Jul 23 (PTI)": a place in title case with its date
    rf"[A-Z][\w .'’-]{{2,30}},\s*{_DATE}\s*(?:{_AGENCY}\s*(?:{_DASH})?|{_DASH})",
    # "Abu Dhabi, UAE – 24 December 2025:"
    rf"[A-Z][\w .'’-]{{2,30}}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)+\s*{_DASH}\s*"
    rf"(?:\d{{1,2}}\s+[A-Z][a-z]+|[A-Z][a-z]+\.?\s+\d{{1,2}}),?\s+\d{{4}}\s*:",
    # "May 6 (Reuters) -", "Dec. 23 (UPI) --", "March 21 - (The Insurer) -": the date first
    rf"{_DATE}\s*(?:{_DASH}\s*)?{_AGENCY}\s*{_DASH}",
    # "May 13, 2025 | Hong Kong —"
    rf"{_DATE}\s*\|\s*[A-Z][\w .'’-]{{2,30}}?\s*{_DASH}",
    # "01:28 PM EDT, 07/07/2025 (MT Newswires) --", "0644 GMT -": a wire's time
    rf"\d{{1,2}}:\d{{2}}\s*[AP]M\s+[A-Z]{{2,4}},\s*[\d/]+\s*{_AGENCY}\s*{_DASH}",
    rf"\d{{4}}\s+GMT\s*{_DASH}",
    rf"{_AGENCY}\s*{_DASH}",                                            # "(Bloomberg) --": the agency alone
    rf"[A-Z][\w-]*\.com\s*{_DASH}",                                     # "Investing.com --": a site
    r"[A-Z][\w'’]*(?: [A-Z][\w'’]*){1,3} [-–—] (?=[A-Z])",              # "New York City – Rithm Capital", "Core Insights - X"
    r"\[[A-Z][A-Z .'’-]{2,30}\]",                                       # "[SINGAPORE] Grab announced"
    r"(?:UPDATE|UPDATED|BREAKING|EXCLUSIVE)\b(?:\s*\d{1,2})?\s*[-–—:]?(?=\s*[A-Z])",   # "UPDATE TELUS"
)))


def dateline_end(text: str) -> int:
    """Where a wire dateline opening `text` ends (0 when there is none)."""
    m = _DATELINE.match(text)
    return m.end() if m else 0
