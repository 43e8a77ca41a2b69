"""Issue 22 (optional part) in the browser: the bundled conference with `zweitsprache = "ar"` on a 1920×1080
projector. Generated headings and the vote's hint show a second, smaller line in Arabic (right to left, `lang`
and `dir` on it), every slide still fits the screen, and axe-core finds nothing serious or critical."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from sozialraum import auth
from sozialraum.i18n import Translator
from sozialraum.konferenz.phone_page import HINT
from sozialraum.settings import REPO_ROOT
from tests.e2e.conftest import screenshot
from tests.e2e.test_a11y import blocking, run_axe
from tests.e2e.test_konferenz import KONFERENZ, MODERATOR, PASSWORD, font_px, open_as_moderator, slide_url

AGENDA = Path("konferenzen") / f"{KONFERENZ}.toml"


@pytest.fixture(scope="module")
def arabic_server(start_server: Callable[..., str], tmp_path_factory: pytest.TempPathFactory) -> str:
    base = tmp_path_factory.mktemp("zweitsprache")
    folder = base / "daten"
    shutil.copytree(REPO_ROOT / "data", folder)
    text = (folder / AGENDA).read_text(encoding="utf-8")
    (folder / AGENDA).write_text(text.replace('gebiet = "05"\n', 'gebiet = "05"\nzweitsprache = "ar"\n', 1))
    secrets = base / "secrets.toml"
    auth.write_user(MODERATOR, PASSWORD, [auth.MODERATOR], secrets)
    env = {"SOZIALRAUM_DB_DIR": str(base / "var"), "SOZIALRAUM_DB_URL": "", auth.MODE_ENV: "intern",
           auth.SECRETS_ENV: str(secrets)}  # fmt: skip
    return start_server(data_dir=folder, extra_env=env)


def test_arabic_second_line_on_the_projector(page: Page, arabic_server: str) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    ar = Translator("ar")
    open_as_moderator(page, slide_url(arabic_server, 1))
    for number, said in ((1, ar("{gebiet} auf einen Blick", gebiet="Bieblach-Ost")), (4, "مقارنةً بالمناطق الأخرى"),
                         (9, ar(HINT))):  # fmt: skip
        open_as_moderator(page, slide_url(arabic_server, number))
        expect(page.get_by_test_id("sr-folienzaehler")).to_have_text(f"Folie {number} / 9")
        line = page.locator(".sr-zweitsprache")
        expect(line).to_have_count(1)
        assert said in line.inner_text().replace("\u2068", "").replace("\u2069", "")
        assert [line.get_attribute("lang"), line.get_attribute("dir")] == ["ar", "rtl"]
        assert line.evaluate("e => getComputedStyle(e).direction") == "rtl"
        if number != 9:  # under the German heading, smaller than it
            assert font_px(line) < font_px(page.locator("h1").first)
        assert font_px(line) >= 24  # the smallest type of a slide (readable from the back row)
        bottom = page.locator(".st-key-folie_weiter").evaluate("e => e.getBoundingClientRect().bottom")
        assert bottom <= 1080, (number, bottom)
        assert not blocking(run_axe(page)), number
        screenshot(page, f"konferenz_zweitsprache_ar_folie{number}", full_page=False)
