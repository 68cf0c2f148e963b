"""Issue 18, forms that match the Material shell, in chromium: the unit head finds a colleague by typing
his name without tones, is offered only the titles of the kind of nominee chosen, is told what is missing
next to each field (no browser bubble), adds the line, then edits it."""

from __future__ import annotations

import re
import unicodedata

import pytest

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"forms-{name}.png"), full_page=True)


def toneless(text: str) -> str:
    folded = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in folded if not unicodedata.combining(c)).lower()


def shown(select) -> list[str]:
    return select.evaluate("s => [...s.options].filter(o => !o.hidden && o.value).map(o => o.textContent)")


def test_the_unit_head_picks_a_colleague_without_tones_and_edits_the_line(people, server_turn):
    from accounts.models import User
    from nominations.models import Line
    from tests.nominations.helpers import edit_task, open_cycle, open_dossier, task_url

    with server_turn:
        dossier = open_dossier(open_cycle(2025))
        url = task_url("dossier", edit_task(dossier))
        colleague = (User.objects.filter(unit__code="KT", unit__agency__code="VP", is_active=True)
                     .exclude(username__startswith="truongphong").order_by("pk")[1])
    page = people("truongphong.kt")
    page.goto(f"{page.base_url}{url}")

    # Nothing chosen: each field says so under itself, in Vietnamese; the browser does not stop the form.
    page.locator("form:has(input[value=add_line]) button[type=submit]").click()
    page.locator("#id_nominee_error").wait_for()
    assert "bắt buộc" in page.locator("#id_achievements_error").inner_text()
    assert page.get_by_label("Tóm tắt thành tích").get_attribute("aria-invalid") == "true"
    shot(page, "01-errors-next-to-fields")

    # Typing the name without tones narrows the list to him and chooses him.
    words = toneless(colleague.full_name).split()
    page.get_by_label("Tìm theo tên (gõ có dấu hoặc không dấu)").fill(" ".join(words[-2:]))
    nominee = page.get_by_label("Cá nhân hoặc tập thể")
    assert colleague.full_name in shown(nominee)
    assert all(words[-2] in toneless(name) for name in shown(nominee))
    assert nominee.input_value() == f"person:{colleague.pk}"
    # A person is offered individual titles only; the unit collective ones only.
    titles = page.get_by_label("Danh hiệu, hình thức")
    assert "Lao động tiên tiến" in shown(titles) and "Tập thể lao động tiên tiến" not in shown(titles)
    shot(page, "02-picker")
    page.get_by_label("Tìm theo tên (gõ có dấu hoặc không dấu)").fill("")
    nominee.select_option(index=1)
    assert "Tập thể lao động tiên tiến" in shown(titles) and "Lao động tiên tiến" not in shown(titles)
    nominee.select_option(f"person:{colleague.pk}")

    titles.select_option(label="Lao động tiên tiến")
    page.get_by_label("Loại hình khen thưởng").select_option(label="Khen thưởng thường xuyên")
    page.get_by_label("Tóm tắt thành tích").fill("Hoàn thành tốt nhiệm vụ.")
    page.locator("form:has(input[value=add_line]) button[type=submit]").click()
    row = page.locator("#lines tbody tr", has_text=colleague.full_name)
    row.wait_for()

    # The line is edited from its row.
    row.get_by_role("link", name=re.compile("^Sửa")).click()
    page.locator("#edit-line").wait_for()
    page.locator("#id_edit-achievements").fill("Hoàn thành xuất sắc nhiệm vụ; 1 sáng kiến cấp cơ sở.")
    page.get_by_role("button", name="Lưu dòng đề nghị").click()
    page.locator("#lines", has_text="1 sáng kiến cấp cơ sở").wait_for()
    shot(page, "03-line-edited")
    with server_turn:
        assert Line.objects.get(dossier=dossier).achievements == "Hoàn thành xuất sắc nhiệm vụ; 1 sáng kiến cấp cơ sở."
