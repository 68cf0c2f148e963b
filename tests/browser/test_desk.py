"""A person signs in through a real browser and finds their desk, in Vietnamese."""

import pytest

from .conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_signing_in_shows_the_desk_in_vietnamese(sign_in):
    page = sign_in("chanhvp")

    assert page.locator("#person").inner_text().startswith("Xin chào, Vũ Minh Tâm")
    assert "Lãnh đạo Văn phòng" in page.locator("#person").inner_text()
    assert "Chánh Văn phòng — Văn phòng UBND tỉnh Quảng Ngãi" in page.locator("#roles").inner_text()
    assert_accessible(page, "desk-chief")


def test_a_wrong_password_keeps_the_person_out(page):
    page.goto(f"{page.base_url}/accounts/login/")
    page.fill("input[name=username]", "chanhvp")
    page.fill("input[name=password]", "khong-dung")
    page.click("button[type=submit]")

    assert "mật khẩu chính xác" in page.content()
    assert page.url.endswith("/accounts/login/")
    assert_accessible(page, "login-refused")


def test_switching_to_english_and_back(sign_in):
    page = sign_in("truongphong.kt")

    page.click("button[name=language][value=en]")
    page.wait_for_load_state("networkidle")
    assert "Roles" in page.locator("#roles").inner_text()
    assert_accessible(page, "desk-in-english")

    page.click("button[name=language][value=vi]")
    page.wait_for_load_state("networkidle")
    assert "Vai trò" in page.locator("#roles").inner_text()
    assert_accessible(page, "desk-unit-head")


def test_signing_out_returns_to_the_login_page(sign_in):
    page = sign_in("hcqt")

    page.goto(f"{page.base_url}/home/")
    page.evaluate("document.querySelector('form[action$=\"/logout/\"]').submit()")
    page.wait_for_url(f"{page.base_url}/accounts/login/")
    page.goto(f"{page.base_url}/home/")

    assert "/accounts/login/" in page.url
