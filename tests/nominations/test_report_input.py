"""Bad input in the annual report: markup and template syntax are printed literally; an over-long
text is refused with a Vietnamese message and nothing is saved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from nominations.models.reports import PROSE_MAX
from tests.workflow.documents_helpers import pdf_text

from .report_helpers import SECTION_TEXT, do_task, open_report, open_tasks, prose_post, section_task, write_all_sections

pytestmark = pytest.mark.django_db
HOSTILE = '<b>in đậm</b> {{ request.user }} {% now "Y" %} <script>alert(1)</script>'


def test_markup_and_template_syntax_are_printed_literally(login):
    report = open_report(login("hcqt"))
    kt = report.sections.get(unit__code="KT")
    head = login("truongphong.kt")
    do_task(head, section_task(report, kt), {"action": "save", **SECTION_TEXT, "results": HOSTILE})
    kt.refresh_from_db()
    assert kt.results == HOSTILE
    page = head.get(reverse("reports:section", args=[kt.pk])).content.decode()
    assert "<b>in đậm</b>" not in page and "&lt;b&gt;in đậm&lt;/b&gt;" in page
    write_all_sections(login, report)

    secretariat = login("hcqt")
    [compile_task] = open_tasks(report, "compile")
    do_task(secretariat, compile_task, prose_post(report, "preview", assessment=HOSTILE))
    report.refresh_from_db()
    assert report.assessment == HOSTILE
    draft = secretariat.get(reverse("documents:draft", args=[report.document_id]))
    text = " ".join(pdf_text(draft.content).split())

    assert HOSTILE in text  # the assessment, as typed
    assert text.count("{% now") >= 1 and "alert(1)" in text


def test_an_over_long_section_is_refused_in_vietnamese_and_nothing_is_saved(login):
    report = open_report(login("hcqt"))
    kt = report.sections.get(unit__code="KT")
    head = login("truongphong.kt")

    response = do_task(head, section_task(report, kt), {"action": "submit", **SECTION_TEXT,
                                                         "results": "x" * (PROSE_MAX + 1)})

    assert response.status_code == 200
    assert "Nội dung quá dài: tối đa" in response.content.decode()
    kt.refresh_from_db()
    assert kt.results == "" and kt.submitted_at is None
    assert len(open_tasks(report, "write")) == 8


def test_an_over_long_compilation_is_refused_and_nothing_is_saved(login):
    report = open_report(login("hcqt"))
    write_all_sections(login, report)
    secretariat = login("hcqt")
    [compile_task] = open_tasks(report, "compile")

    response = do_task(secretariat, compile_task,
                       prose_post(report, "finish", assessment="Đánh giá. " * (PROSE_MAX // 9 + 1)))

    assert response.status_code == 200
    assert "Nội dung quá dài: tối đa" in response.content.decode()
    report.refresh_from_db()
    assert report.assessment == "" and report.document_id is None and report.status == "compiling"


def test_the_service_refuses_over_long_prose_too(person, login):
    from django.core.exceptions import ValidationError

    from nominations.services import report as services

    report = open_report(login("hcqt"))
    kt = report.sections.get(unit__code="KT")
    with pytest.raises(ValidationError, match="quá dài"):
        services.report_section_save(actor=person("truongphong.kt"), section=kt,
                                     fields={"results": "x" * (PROSE_MAX + 1)})
    kt.refresh_from_db()
    assert kt.results == ""
