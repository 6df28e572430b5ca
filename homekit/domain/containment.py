"""A file that a document names stays inside the document's folder (an export's photo files).

A crafted export could name any file the user can read (`/home/me/secret.png`,
`../../other/photo.jpg`, a symbolic link to a device) and have import pull it in. `inside` is
the one rule every reader of such names applies, the importer and the file layer alike:
relative, no `..` part, and no symbolic link (of the file or of a folder on its way) that
leads out of the folder. The domain does no I/O: the caller passes `os.path.realpath` in.
"""

from __future__ import annotations

from collections.abc import Callable

from homekit.domain.errors import InvalidInput


def inside(folder: str, ref: str, realpath: Callable[[str], str]) -> str:
    """`folder/ref`, or InvalidInput (code `path_outside`; `why`: "absolute", "parent" or
    "link") when the name leads out of `folder`."""
    parts = ref.split("/")
    why = ""
    if ref.startswith(("/", "~")):
        why = "absolute"
    elif ".." in parts:
        why = "parent"
    path = folder.rstrip("/") + "/" + ref if folder else ref
    if not why:
        base, real = realpath(folder or "."), realpath(path)
        if real != base and not real.startswith(base.rstrip("/") + "/"):
            why = "link"
    if why:
        raise InvalidInput(f"{ref!r} leads out of {folder}", field="file", code="path_outside",
                           ref=ref, folder=folder, why=why)
    return path
