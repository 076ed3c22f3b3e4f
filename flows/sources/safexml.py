"""Parse untrusted XML (sitemaps, OPML files) with the standard library, refusing any DTD.

Neither a sitemap nor an OPML file needs a document type declaration; one that brings entity
declarations is how a document expands to gigabytes (billion laughs) or reads a local file
or an internal address (external entities). So a document declaring a DTD is refused as a
whole, before any entity is defined, with a ParseError naming where it came from.
"""
from __future__ import annotations

import pyexpat
import xml.etree.ElementTree as ET

from claimtrack.errors import DtdRefused, ParseError


def local_name(tag: object) -> str:
    """An element's name without its namespace ("{http://…/0.9}url" → "url")."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _refuse(*_args: object) -> None:
    raise DtdRefused("a DTD")


def _name(raw: str) -> str:
    """expat's "uri}local" as ElementTree's "{uri}local"."""
    return "{" + raw if "}" in raw else raw


def parse_xml(body: bytes, where: str, what: str) -> ET.Element:
    """The root element of `body`; ParseError "<where>: not <what> (…)" when it is no
    well-formed XML or declares a DTD."""
    builder = ET.TreeBuilder()
    expat = pyexpat.ParserCreate(namespace_separator="}")
    expat.buffer_text = True
    expat.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)
    expat.StartDoctypeDeclHandler = _refuse
    expat.EntityDeclHandler = _refuse
    expat.ExternalEntityRefHandler = _refuse
    expat.StartElementHandler = lambda tag, attrs: builder.start(_name(tag), {_name(k): v for k, v in attrs.items()})
    expat.EndElementHandler = lambda tag: builder.end(_name(tag))
    expat.CharacterDataHandler = builder.data
    try:
        expat.Parse(body, True)
    except DtdRefused:
        raise ParseError(f"{where}: not {what} (it declares a DTD; entities are not expanded)") from None
    except pyexpat.ExpatError as exc:
        raise ParseError(f"{where}: not {what} (not well-formed XML: {exc})") from None
    return builder.close()
