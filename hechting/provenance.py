"""Checking texts that claim the knowledge page as their source against the page itself.

The page is kept verbatim in docs/bron/veilige-hechting.txt. A text "is found in it" when, after
the same normalisation on both sides, it is a passage of the page. Normalisation removes only
what a quotation may change without changing what is said: letter case, bullets, line breaks and
runs of white space, the kind of quotation mark, and words in square brackets, which by the usual
convention are the quoter's own additions (a missing verb the page leaves out, for instance).
"""

import re
from functools import cache
from pathlib import Path

from django.conf import settings

KNOWLEDGE_PAGE_PATH = Path(settings.BASE_DIR) / "docs" / "bron" / "veilige-hechting.txt"

_BRACKETED = re.compile(r"\[[^\]]*\]")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "•": " "})
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    text = _BRACKETED.sub("", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip().casefold()


@cache
def _page() -> str:
    return normalise(KNOWLEDGE_PAGE_PATH.read_text(encoding="utf-8"))


def found_in_knowledge_page(text: str) -> bool:
    text = normalise(text)
    return bool(text) and text in _page()
