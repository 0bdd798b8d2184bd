"""The daily digest rendered as plain text, Markdown or a standalone HTML document.

The shape of the regional news page Steppe replaces, done right: the date, the
ticker once, headlines grouped by country, then each story. The HTML body is
autoescaped and then passed through ``sanitise_html`` before it is wrapped in
its document, so nothing a story carries can become markup.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator

from jinja2 import Environment, select_autoescape

from steppe.models import Story
from steppe.publish.queries import CountrySection, Digest
from steppe.publish.safehtml import safe_url, sanitise_html

FORMATS = ("text", "md", "html")
# Characters that would make Markdown markup out of text (emphasis, links, headings, lists, code).
MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]]|^[-+#>]|(?<=^\d)\.(?= )")
OTHER = "Elsewhere"

HTML_BODY = """<h1>Central Asia digest, {{ d.day.strftime('%d %B %Y') }}</h1>
{% if d.ticker %}<p><strong>Official rates</strong></p>
<ul>{% for t in d.ticker %}<li>{{ t.text }} <small>({{ t.bank }}, {{ t.effective_date.isoformat() }})</small></li>{% endfor %}</ul>{% endif %}
{% if not sections %}<p>No stories on this day.</p>{% endif %}
{% for s in sections %}<h2>{{ s.name }}</h2>
<ul>{% for x in s.stories %}<li>{{ x.headline }}</li>{% endfor %}</ul>{% endfor %}
{% for s in sections %}{% for x in s.stories %}<hr>
<h3>{% if link(x) %}<a href="{{ link(x) }}">{{ x.headline }}</a>{% else %}{{ x.headline }}{% endif %}</h3>
<p><small>{{ x.site }}{% if x.published %}, {{ x.published.strftime('%H:%M UTC') }}{% endif %} · {{ s.name }}</small></p>
{% for p in x.text.split('\\n') if p.strip() %}<p>{{ p }}</p>
{% endfor %}{% endfor %}{% endfor %}"""

HTML_DOCUMENT = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Central Asia digest {day}</title></head>
<body>
{body}
</body></html>
"""

_env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))


def sections(digest: Digest) -> tuple[CountrySection, ...]:
    """The digest's country sections, with stories about no country last under 'Elsewhere'."""
    extra = (CountrySection("", OTHER, digest.other),) if digest.other else ()
    return digest.sections + extra


def _stories(digest: Digest) -> Iterator[Story]:
    for section in sections(digest):
        yield from section.stories


def render_text(digest: Digest) -> str:
    """Plain text, wrapped at 78 columns."""
    out = [f"Central Asia digest, {digest.day.strftime('%d %B %Y')}", ""]
    out += [f"  {line.text}" for line in digest.ticker] + ([""] if digest.ticker else [])
    for section in sections(digest):
        out.append(section.name.upper())
        out += [f"  - {s.headline}" for s in section.stories]
        out.append("")
    for story in _stories(digest):
        out += [story.headline, f"({story.site})", ""]
        for para in filter(str.strip, story.text.split("\n")):
            out += [textwrap.fill(para, 78), ""]
    if not digest.sections and not digest.other:
        out.append("No stories on this day.")
    return "\n".join(out).rstrip() + "\n"


def markdown_text(text: str) -> str:
    """Text as Markdown shows it literally: HTML and Markdown's own punctuation escaped, one line."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # no raw HTML in Markdown
    return MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(0), text)


def render_markdown(digest: Digest) -> str:
    """Markdown with a heading per country and per story; what stories carry is text, never markup."""
    out = [f"# Central Asia digest, {digest.day.strftime('%d %B %Y')}", ""]
    out += [f"- {markdown_text(line.text)}" for line in digest.ticker] + ([""] if digest.ticker else [])
    for section in sections(digest):
        out += [f"## {section.name}", ""] + [f"- {markdown_text(s.headline)}" for s in section.stories] + [""]
    for story in _stories(digest):
        out += [f"### {markdown_text(story.headline)}", "", f"*{markdown_text(story.site)}*", ""]
        out += [markdown_text(p) + "\n" for p in filter(str.strip, story.text.split("\n"))]
    if not digest.sections and not digest.other:
        out.append("No stories on this day.")
    return "\n".join(out).rstrip() + "\n"


def render_html(digest: Digest, *, base_url: str | None = None) -> str:
    """A standalone HTML document (for e-mail or a file): autoescaped, then sanitised.

    With ``base_url`` (Steppe's public address) each headline links to its story page.
    """
    base = safe_url(base_url.rstrip("/")) if base_url else None

    def link(story: Story) -> str | None:
        return f"{base}/story/{story.id}" if base and story.id else None

    body = _env.from_string(HTML_BODY).render(d=digest, sections=sections(digest), link=link)
    return HTML_DOCUMENT.format(day=digest.day.isoformat(), body=sanitise_html(body))


def render(digest: Digest, fmt: str, *, base_url: str | None = None) -> str:
    """The digest in one of FORMATS."""
    if fmt == "html":
        return render_html(digest, base_url=base_url)
    return {"text": render_text, "md": render_markdown}[fmt](digest)
