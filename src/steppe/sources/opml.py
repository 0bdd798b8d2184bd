"""OPML 2.0 import and export of sources.

Import reads every ``<outline>`` with an ``xmlUrl`` (nested categories flattened);
Steppe's own attributes (language, country, kind, enabled) ride along in a
``steppe:`` namespace so an export imports back unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.etree import ElementTree

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from steppe.errors import OPMLError
from steppe.models import Source

STEPPE_NS = "https://github.com/steppe-desk/steppe/opml"
_ATTR = "{" + STEPPE_NS + "}"


def parse_opml(body: bytes) -> list[Source]:
    """The sources an OPML document lists; OPMLError when it is not readable OPML.

    The parser refuses any DTD (so any entity declaration) wherever it stands and in whatever
    encoding the document is written: no byte search for ``<!ENTITY`` that UTF-16 walks past.
    """
    try:
        root = SafeElementTree.fromstring(body, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise OPMLError(f"OPML declares a DTD or XML entities: refused ({exc.__class__.__name__})") from None
    except ElementTree.ParseError as exc:
        raise OPMLError(f"not readable OPML: {exc}") from None
    if root.tag.lower() != "opml":
        raise OPMLError(f"not OPML: the root element is <{root.tag}>")
    sources: list[Source] = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue
        name = (outline.get("title") or outline.get("text") or url).strip()
        country = (outline.get(_ATTR + "country") or "").upper()[:2] or None
        sources.append(
            Source(
                url=url,
                name=name,
                kind=outline.get(_ATTR + "kind") or "feed",
                language=(outline.get(_ATTR + "language") or outline.get("language") or None),
                country=country,
                enabled=(outline.get(_ATTR + "enabled") or "true").lower() != "false",
            )
        )
    return sources


def render_opml(sources: Iterable[Source], *, title: str = "Steppe sources", now: datetime | None = None) -> str:
    """An OPML 2.0 document listing the sources (Steppe's attributes namespaced)."""
    ElementTree.register_namespace("steppe", STEPPE_NS)
    root = ElementTree.Element("opml", {"version": "2.0"})
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = title
    ElementTree.SubElement(head, "dateCreated").text = format_datetime(now or datetime.now(UTC))
    body = ElementTree.SubElement(root, "body")
    for source in sources:
        attrs = {
            "type": "rss",
            "text": source.name,
            "title": source.name,
            "xmlUrl": source.url,
            _ATTR + "kind": source.kind,
            _ATTR + "enabled": "true" if source.enabled else "false",
        }
        if source.language:
            attrs[_ATTR + "language"] = source.language
        if source.country:
            attrs[_ATTR + "country"] = source.country
        ElementTree.SubElement(body, "outline", attrs)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
