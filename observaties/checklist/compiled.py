"""What never changes for a frozen checklist version in one language, built once per process.

A published or retired version never changes (`hechting.selectors.version_content` reads it once
per process), so neither do the checklist's field definitions for it: they are built on first use
per version, part and language, and shared by every form after. A shared field is never changed:
a form only reads its fields (their bound values, errors and rendering live in the form and its
bound fields). A draft version is built afresh for each form.
"""

from threading import Lock

from django.utils.translation import get_language

from hechting.models import ChecklistVersion
from hechting.selectors import version_content

_built: dict[tuple, tuple] = {}
_lock = Lock()


def fields(version: ChecklistVersion, name: str, build) -> dict:
    """The fields `build()` makes for the part `name` of `version`, in the active language."""
    if version.status == ChecklistVersion.Status.DRAFT:
        return dict(build())
    content = version_content(version)
    key = (version.pk, name, get_language())
    found = _built.get(key)
    if found is not None and found[0] is content:
        return found[1]
    built = dict(build())
    with _lock:
        _built[key] = (content, built)
    return built
