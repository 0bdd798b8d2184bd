"""The daily digest rendered as plain text, Markdown or a standalone HTML document.

The shape of the regional news page Steppe replaces, done right: the date, the
ticker once, headlines grouped by country, then each story.
"""

from __future__ import annotations

import textwrap

from jinja2 import Environment, select_autoescape

from .queries import Digest

FORMATS = ("text", "md", "html")

HTML_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Central Asia digest {{ d.day.isoformat() }}</title></head>
<body>
<h1>Central Asia digest, {{ d.day.strftime('%d %B %Y') }}</h1>
{% if d.ticker %}<ul class="ticker">{% for t in d.ticker %}<li>{{ t.text }}</li>{% endfor %}</ul>{% endif %}
{% for s in d.sections %}<h2>{{ s.name }}</h2><ul>{% for x in s.stories %}<li>{{ x.headline }}</li>{% endfor %}</ul>{% endfor %}
{% for s in d.sections %}{% for x in s.stories %}
<article><h3>{{ x.headline }}</h3><p><small>{{ x.site }}</small></p>
{% for p in x.text.split('\n') if p.strip() %}<p>{{ p }}</p>{% endfor %}</article>
{% endfor %}{% endfor %}
</body></html>
"""

_env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))


def _stories(digest: Digest):
    for section in digest.sections:
        yield from section.stories
    yield from digest.other


def render_text(digest: Digest) -> str:
    """Plain text, wrapped at 78 columns."""
    out = [f"Central Asia digest, {digest.day.strftime('%d %B %Y')}", ""]
    out += [f"  {line.text}" for line in digest.ticker] + ([""] if digest.ticker else [])
    for section in digest.sections:
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


def render_markdown(digest: Digest) -> str:
    """Markdown with a heading per country and per story."""
    out = [f"# Central Asia digest, {digest.day.strftime('%d %B %Y')}", ""]
    out += [f"- {line.text}" for line in digest.ticker] + ([""] if digest.ticker else [])
    for section in digest.sections:
        out += [f"## {section.name}", ""] + [f"- {s.headline}" for s in section.stories] + [""]
    for story in _stories(digest):
        out += [f"### {story.headline}", "", f"*{story.site}*", ""]
        out += [p + "\n" for p in filter(str.strip, story.text.split("\n"))]
    return "\n".join(out).rstrip() + "\n"


def render_html(digest: Digest) -> str:
    """A standalone HTML document (for e-mail or a file), autoescaped."""
    return _env.from_string(HTML_TEMPLATE).render(d=digest)


def render(digest: Digest, fmt: str) -> str:
    """The digest in one of FORMATS."""
    return {"text": render_text, "md": render_markdown, "html": render_html}[fmt](digest)
