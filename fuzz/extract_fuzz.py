"""Coverage-guided fuzzing of the extract stage with atheris: bytes in, an Extraction or a reason out.

`steppe.extract.extract` promises that bad input never raises: every page comes back as stories
or as a rejection a person can read. Its last guard turns any unexpected exception into the
rejection "extraction failed (...)", which would hide bugs from a fuzzer, so this harness counts
that rejection as a crash and re-raises the underlying exception with its traceback. Designed
rejections ("empty file", "binary data ...", "page is nested too deeply to read") and errors from
steppe.errors are fine. Each input picks a content type from its first byte and, from its second,
whether a site template learned from the same bytes is passed in (the template path of extract).

atheris is a manual tool, not a dependency of Steppe:

    pip install atheris
    python fuzz/extract_fuzz.py --seeds /tmp/extract-corpus    # the extract samples, as fuzz inputs
    nice python fuzz/extract_fuzz.py /tmp/extract-corpus -max_total_time=600 -max_len=8192 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=/tmp/extract-crash-

A crash leaves its input in /tmp/extract-crash-*; replay one with
`python fuzz/extract_fuzz.py /tmp/extract-crash-<hash>`.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import steppe.extract as extract_stage
    from steppe.errors import SteppeError
    from steppe.models import Page

CONTENT_TYPES = (
    "text/html",
    "text/plain",
    "text/html; charset=windows-1251",
    "text/plain; charset=koi8-r",
    "application/xhtml+xml",
    "",
    "text/html; charset=bogus-charset",
)
GUARD_PREFIX = "extraction failed ("
FETCHED = datetime(2026, 1, 1, tzinfo=UTC)
SAMPLES = Path(__file__).resolve().parents[1] / "tests" / "samples" / "extract"


class ExtractCrash(Exception):
    """The extract stage's last guard caught an exception that is not a designed rejection."""


def page_of(data: bytes) -> tuple[Page, bool]:
    """A page built from fuzz bytes, and whether to extract it with a template learned from itself."""
    content_type = CONTENT_TYPES[data[0] % len(CONTENT_TYPES)] if data else "text/html"
    with_template = len(data) > 1 and data[1] % 4 == 0
    page = Page(
        url="https://fuzz.example/page",
        site="fuzz.example",
        body=data[2:],
        fetched_at=FETCHED,
        content_type=content_type,
    )
    return page, with_template


def test_one_input(data: bytes) -> None:
    """One fuzz case: extract must return; the catch-all guard firing counts as a crash."""
    page, with_template = page_of(data)
    try:
        template = extract_stage.learn_template(None, page) if with_template else None
        result = extract_stage.extract(page, template)
    except SteppeError:
        return
    if result.rejected and result.rejected.startswith(GUARD_PREFIX):
        _reraise(page, template)
        raise ExtractCrash(result.rejected)


def _reraise(page: Page, template) -> None:
    """Run the unguarded stage again so the crash report shows where the exception came from."""
    try:
        extract_stage._extract(page, template, extract_stage.DEFAULT_MAX_BYTES)
    except SteppeError:
        return


def write_seeds(folder: Path) -> int:
    """The extract test samples as fuzz inputs (selector bytes first: HTML or text, no template)."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for sample in sorted(SAMPLES.rglob("*")):
        if sample.suffix in (".html", ".txt", ".xml", ".rss", ".bin"):
            kind = CONTENT_TYPES.index("text/plain" if sample.suffix == ".txt" else "text/html")
            (folder / f"seed-{count:03d}").write_bytes(bytes([kind, 1]) + sample.read_bytes())
            count += 1
    return count


def main() -> None:
    if sys.argv[1:2] == ["--seeds"]:
        print(f"wrote {write_seeds(Path(sys.argv[2]))} seeds to {sys.argv[2]}")
        return
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
