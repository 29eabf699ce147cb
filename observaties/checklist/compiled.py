"""What never changes for a frozen checklist version in one language, built once per process.

A published or retired version never changes (`hechting.selectors.version_content` reads it once
per process), and neither do the checklist's field definitions and most of its markup for it:

- the fields are built on first use per version, part and language, and shared by every form
  after. A shared field is never changed: a form only reads its fields (their bound values,
  errors and rendering live in the form and its bound fields);
- the layout is rendered once per version, language and shape (with or without the safety
  section) from a blank form, with a mark wherever the markup depends on the request (every
  field, the counters, the follow-ups of earlier agreements, what an earlier visit left open:
  the `slot`s of `observaties.checklist.markup`). Per request only those are rendered, from the
  request's own form, between the kept markup.

A draft version is built and rendered afresh for each form.
"""

from threading import Lock

from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from hechting.models import ChecklistVersion
from hechting.selectors import version_content
from observaties.checklist.markup import Recording, forget_shared, share

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
    share(built.values())
    with _lock:
        _built[key] = (content, built)
    return built


_layouts: dict[tuple, tuple] = {}


def layout(form, render) -> str:
    """`render(form)`, the form's layout rendered, from the markup kept for its version."""
    version = form.observation.version
    if version.status == ChecklistVersion.Status.DRAFT:
        return render(form)
    content = version_content(version)
    key = (version.pk, get_language(), form.safety is not None)
    found = _layouts.get(key)
    if found is None or found[0] is not content:
        recording = Recording()
        # A blank form of the same shape: what is kept can hold nothing of any family.
        pieces = recording.record(lambda: render(form.blank())).split(Recording.MARK)
        found = (content, pieces, recording)
        with _lock:
            _layouts[key] = found
    _content, pieces, recording = found
    return mark_safe(
        "".join(
            piece if index % 2 == 0 else recording.call(int(piece), form)
            for index, piece in enumerate(pieces)
        )
    )


def forget():
    """For tests, whose rolled-back databases may reuse a version's id."""
    with _lock:
        _built.clear()
        _layouts.clear()
        forget_shared()
