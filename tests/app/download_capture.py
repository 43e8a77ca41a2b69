"""What a page's download buttons hand out, in an AppTest run: the bytes of every file, by file name.

Streamlit registers a download's data with the runtime's media file manager (bytes at once, a function
when clicked); AppTest's runtime is private to the run, so the manager's two entry points are wrapped
for the test and every registered file is kept (functions called after the run, as a click would)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

import sozialraum.export as export


@contextmanager
def captured_downloads(today: date = date(2026, 12, 7)) -> Iterator[dict[str, Callable[[], bytes]]]:
    """Within the block, every download a page registers, by file name (a later one with the same name
    wins); the export date is fixed to `today`, so files compare across runs."""
    files: dict[str, Callable[[], bytes]] = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def keep(self: MediaFileManager, data: Any, mimetype: str, coordinates: str, file_name: str | None = None,
             *args: Any, **kwargs: Any) -> str:  # fmt: skip
        if file_name and isinstance(data, bytes):
            files[file_name] = lambda: data
        return add(self, data, mimetype, coordinates, file_name, *args, **kwargs)

    def keep_deferred(self: MediaFileManager, function: Callable[[], Any], mimetype: str | None, coordinates: str,
                      file_name: str | None = None, **kwargs: Any) -> str:  # fmt: skip
        if file_name:
            files[file_name] = function
        return add_deferred(self, function, mimetype, coordinates, file_name, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(MediaFileManager, "add", keep)
        patch.setattr(MediaFileManager, "add_deferred", keep_deferred)
        patch.setattr(export, "date", _FixedDate.at(today))
        yield files


class _FixedDate(date):
    fixed: date

    @classmethod
    def at(cls, day: date) -> type[_FixedDate]:
        return type("FixedDate", (cls,), {"fixed": day})

    @classmethod
    def today(cls) -> date:  # type: ignore[override]
        return cls.fixed
