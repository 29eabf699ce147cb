"""PDF/UA for what WeasyPrint 70 tags wrongly: the running header, footer and watermark are
drawn as marked content with ids of a Span that hangs in no structure tree. A reader walking
the tree never reaches it, yet the ids claim the glyphs are content. Here they become artifacts,
and the dangling ids leave the parent tree (PDF/UA-1, 7.1: content is either tagged or an
artifact)."""

import re
from io import BytesIO

import pikepdf

_MARKED = re.compile(rb"/[A-Za-z]+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")


def _reachable(structure) -> set:
    """The structure elements reachable from the root's /K, by object number."""
    seen, stack = set(), [structure.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and node.is_indirect and node.objgen not in seen:
            seen.add(node.objgen)
            stack.append(node.get("/K"))
    return seen


def running_elements_as_artifacts(data: bytes) -> bytes:
    """The PDF with every marked-content sequence whose structure element is not in the tree
    turned into an /Artifact, and its id taken out of the parent tree; unchanged when there is
    none."""
    pdf = pikepdf.open(BytesIO(data))
    structure = pdf.Root.get("/StructTreeRoot")
    if structure is None or "/ParentTree" not in structure:
        return data
    reachable = _reachable(structure)
    nums = structure.ParentTree.get("/Nums", pikepdf.Array())
    marked = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    changed = False
    for page in pdf.pages:
        key = page.obj.get("/StructParents")
        elements = marked.get(int(key)) if key is not None else None
        if not isinstance(elements, pikepdf.Array):
            continue
        orphans = {
            mcid
            for mcid, element in enumerate(elements)
            if isinstance(element, pikepdf.Dictionary) and element.objgen not in reachable
        }
        if not orphans:
            continue
        # Each such sequence opens as `/Tag <</MCID n>> BDC`; only the opening changes, its
        # closing EMC closes an artifact as well. Streams are rewritten as bytes: parsing them
        # into operators costs several times more.
        contents = page.obj.Contents
        streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
        for stream in streams:
            stream.write(
                _MARKED.sub(
                    lambda match: (
                        b"/Artifact BMC" if int(match[1]) in orphans else match[0]  # noqa: B023
                    ),
                    stream.read_bytes(),
                )
            )
        for mcid in orphans:
            elements[mcid] = None  # a null in the parent tree
        changed = True
    if not changed:
        return data
    out = BytesIO()
    pdf.save(out, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.preserve)
    return out.getvalue()
