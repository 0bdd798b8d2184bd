"""The characters that mark search matches in text until the HTML layer turns them into <mark>.

Private-use characters: no page or query holds them, so they cannot clash with markup,
and they are escaped safely wherever a marked text is rendered.
"""

from __future__ import annotations

MARK_START = "\ue000"
MARK_END = "\ue001"
