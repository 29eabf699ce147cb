"""Plain language for what a parent reads: no professional jargon, short sentences.

Many parents in youth care read with difficulty (the knowledge page was written with Landelijk
Kenniscentrum LVB). The sheet for the parent is therefore checked here: the catalogue's parent
texts before a version is published, the professional's own wording before it is saved.
"""

import re

# The words of the professional's checklist that mean nothing to most parents, and what they
# match: the word and its forms (sensitief, sensitieve; gehechtheid, gehechtheidsrelatie).
_JARGON = re.compile(
    r"\b(sensitie\w*|sensitivit\w*|mentalis\w*|continu[iï]teit\w*|gehecht\w*|hechting\w*|"
    r"randvoorwaarde\w*|aandachtspunt\w*|werkpunt\w*|items?|gedragsitem\w*)\b",
    re.IGNORECASE,
)
# What assumes the family's composition or the child's gender (a sheet goes to one parent, a
# foster parent or a grandparent, of a girl or a boy): "bij zijn ouders", "hij", "hem".
_ASSUMPTIONS = re.compile(
    r"\b(?:zijn|haar) (?:ouders?|moeder|vader|mama|papa)\b|\b(?:hij|hem)\b", re.IGNORECASE
)
# The child named as "het kind" where the sheet can say the child's name.
_THE_CHILD = re.compile(r"\bhet kind\b", re.IGNORECASE)
# A line saying there is nothing to practise.
_NOTHING_TO_PRACTISE = re.compile(
    r"\b(?:niets|niks|geen)\b[^.!?\n]*\boefen|\boefen\w*\b[^.!?\n]*\b(?:niet|niets)\b",
    re.IGNORECASE,
)
CHILD = "{kind}"
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# A sentence ends at . ! or ? followed by white space or the end, or at a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?])[’'\")]*\s+|\n+")
_WORD = re.compile(r"[^\W\d_][\w’'-]*|\d+")

MAX_AVERAGE_SENTENCE_WORDS = 12


def jargon_in(text: str) -> list[str]:
    """The jargon words in `text`, each once, in lower case."""
    return sorted({match.group(0).lower() for match in _JARGON.finditer(text)})


def assumptions_in(text: str) -> list[str]:
    """Words that assume who is in the family or whether the child is a girl or a boy."""
    return sorted({match.group(0).lower() for match in _ASSUMPTIONS.finditer(text)})


def names_child_generically(text: str) -> bool:
    """Whether `text` says "het kind" where the child's name belongs."""
    return bool(_THE_CHILD.search(text))


def says_nothing_to_practise(text: str) -> bool:
    return bool(_NOTHING_TO_PRACTISE.search(text))


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if _WORD.search(part)]


def average_sentence_length(text: str) -> float:
    """Words per sentence; 0 for a text without words."""
    parts = sentences(text)
    if not parts:
        return 0.0
    return sum(len(_WORD.findall(part)) for part in parts) / len(parts)


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders other than {kind}, which the sheet could not fill in."""
    return sorted({found for found in _PLACEHOLDER.findall(text) if found != CHILD})


def for_child(text: str, name: str) -> str:
    return text.replace(CHILD, name)
