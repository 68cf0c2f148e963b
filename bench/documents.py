"""How long documents take to render (issue 6): the annual report, a 500-name annex, 100 decisions,
and the annual report compiled from the data by the report flow's selectors (head count, documents,
movements, awards by outcome, sáng kiến, statistics) for the demo Office and for a simulated year;
and what ký số costs (issue 19): the signer's and the agency's signatures on a one-page decision, with and
without an RFC 3161 timestamp, and checking them.

Goals on the 2-core reference machine: the report under 1.5 s, the 500-name annex under 5 s, the two signatures
of a one-page decision under 0.3 s.
Uses the development database (seeding the demo Office if it is missing); PDFs go to a
temporary folder and the 100 decisions are rolled back, so nothing is left behind. The simulated
year is 8 units x 12 people unless BENCH_UNITS / BENCH_STAFF_PER_UNIT say otherwise.

    .venv/bin/python bench/documents.py
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ["DOCUMENTS_ROOT"] = tempfile.mkdtemp(prefix="bench-documents-")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts import demo  # noqa: E402
from accounts.models import Agency, User  # noqa: E402
from workflow.documents import examples, rendering, services  # noqa: E402
from workflow.documents.models import IssuedDocument  # noqa: E402

UNITS = int(os.environ.get("BENCH_UNITS", "8"))
STAFF = int(os.environ.get("BENCH_STAFF_PER_UNIT", "12"))


class Rollback(Exception):
    pass


def timed(function, repeat: int = 1):
    best = None
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def signed(*, agency, key, data, summary, signer, number):
    document = IssuedDocument(
        agency=agency, template_key=key, doc_type="BC" if key == "bao_cao_tong_ket" else "QĐ",
        issuer_unit_code=agency.emulation_unit.code if agency.emulation_unit_id else "",
        summary=summary, data=data, signer=signer, number=number,
        signed_at=dt.datetime(2023, 12, 20, 9, 0, tzinfo=timezone.get_current_timezone()),
    )
    return services.document_context(document, draft=False)


def main() -> None:
    if not Agency.objects.filter(code="VP").exists():
        demo.seed()
    vp = Agency.objects.get(code="VP")
    chief = User.objects.get(username="chanhvp")
    secretariat = User.objects.get(username="hcqt")

    start = time.perf_counter()
    rendering.html_to_pdf("<p>khởi động</p>")
    print(f"first render (imports WeasyPrint, loads fonts): {time.perf_counter() - start:.2f} s")

    report_context = signed(agency=vp, key="bao_cao_tong_ket", data=examples.annual_report_data(vp, 2023),
                            summary=examples.annual_report_summary(2023), signer=chief, number=12)
    html_time, html = timed(lambda: rendering.render_html("documents/bao_cao_tong_ket.html",
                                                                          report_context), repeat=3)
    report_time, result = timed(lambda: rendering.html_to_pdf(html), repeat=3)
    pages = len(rendering.pdf_text(result.pdf).split("\f"))
    print(f"annual report 2023 ({pages} pages): template {html_time * 1000:.0f} ms, "
          f"PDF {report_time:.2f} s (best of 3; goal < 1.5 s)")

    annex_context = signed(agency=vp, key="quyet_dinh_khen_thuong", data=examples.decision_data(vp, names=500),
                           summary="Về việc tặng danh hiệu Lao động tiên tiến năm 2023", signer=chief, number=5)
    annex_time, result = timed(lambda: rendering.render_pdf("documents/quyet_dinh_khen_thuong.html",
                                                                     annex_context), repeat=2)
    pages = len(rendering.pdf_text(result.pdf).split("\f"))
    print(f"Quyết định with a 500-name annex ({pages} pages): {annex_time:.2f} s (best of 2; goal < 5 s)")

    signing_cost(vp, chief)
    report_from_data(vp)

    data = examples.decision_data(vp, names=10)
    start = time.perf_counter()
    try:
        with transaction.atomic():
            for index in range(100):
                draft = services.document_create(actor=secretariat, agency=vp, template_key="quyet_dinh_khen_thuong",
                                                 summary=f"Về việc khen thưởng (lần {index + 1})", data=data)
                services.document_sign(actor=chief, document=draft)
                issued = services.document_issue(document_id=draft.pk)
                assert issued.status == "ready", issued.error
            elapsed = time.perf_counter() - start
            print(f"100 decisions drafted, signed, numbered ({issued.number_text} last), rendered and stored: "
                  f"{elapsed:.1f} s, {elapsed * 10:.0f} ms each")
            raise Rollback
    except Rollback:
        pass


def signing_cost(vp, chief) -> None:
    """The two signatures of ``document_issue`` on a rendered one-page Quyết định, with the development CA's keys
    (certificates made for the bench and rolled back); the PKCS#11 and remote back-ends add their token's or
    service's own time."""
    from django.test import override_settings

    from workflow.signing import backends
    from workflow.signing import services as signing
    from workflow.signing.pdf import Box, Slot, seal_box, sign_pdf, signature_box
    from workflow.signing.verify import check_pdf

    context = signed(agency=vp, key="quyet_dinh_khen_thuong", data=examples.decision_data(vp, names=3),
                     summary="Về việc tặng Giấy khen", signer=chief, number=7)
    result = rendering.render_pdf("documents/quyet_dinh_khen_thuong.html", context)
    pages = len(rendering.pdf_text(result.pdf).split("\f"))
    try:
        with transaction.atomic(), override_settings(DOCUMENT_SIGNING_BACKEND="devca"):
            person = signing.dev_certificate_issue(user=chief)
            seal = signing.dev_certificate_issue(agency=vp)
            backend = backends.get_backend()
            box = signature_box(Box(*result.anchors[signing.SIGNER_ANCHOR]))

            def sign_once(timestamper=None):
                with backend.signer(person) as by_person, backend.signer(seal) as by_agency:
                    return sign_pdf(result.pdf, [
                        Slot(signing.SIGNER_FIELD, by_person, bytes(person.image_png), box, name=chief.full_name,
                             reason="bench", certify=True),
                        Slot(signing.AGENCY_FIELD, by_agency, bytes(seal.image_png),
                             seal_box(box, bytes(person.image_png)), name=vp.name, reason="bench")],
                        timestamper=timestamper)

            sign_once()  # imports and caches out of the measurement
            runs = []
            for _ in range(20):
                start = time.perf_counter()
                pdf = sign_once()
                runs.append(time.perf_counter() - start)
            runs.sort()
            print(f"ký số, one-page Quyết định ({pages} page, {len(pdf) // 1024} KiB signed): the signer's and the "
                  f"agency's signatures {runs[0] * 1000:.0f} ms best, {runs[len(runs) // 2] * 1000:.0f} ms median, "
                  f"{runs[-1] * 1000:.0f} ms worst of 20 (goal < 300 ms)")
            with override_settings(DOCUMENT_SIGNING_TSA_URL="dev"):
                stamper = backends.timestamper()
                sign_once(stamper)
                stamped_time, _stamped = timed(lambda: sign_once(stamper), repeat=5)
            print(f"  the same with a local RFC 3161 timestamp on each signature: {stamped_time * 1000:.0f} ms "
                  f"(best of 5)")
            check_time, checks = timed(lambda: check_pdf(pdf), repeat=5)
            assert all(c.valid for c in checks), [c.reasons for c in checks]
            print(f"  checking both signatures (integrity, chain, changes after signing): {check_time * 1000:.0f} ms "
                  f"(best of 5)")
            raise Rollback
    except Rollback:
        pass


def _report_render(report, signer):
    from nominations.documents import report_document_data, report_summary

    data_time, data = timed(lambda: report_document_data(report), repeat=3)
    context = signed(agency=report.agency, key="bao_cao_tong_ket", data=data, summary=report_summary(report.year),
                     signer=signer, number=12)
    pdf_time, result = timed(lambda: rendering.render_pdf("documents/bao_cao_tong_ket.html", context), repeat=3)
    pages = len(rendering.pdf_text(result.pdf).split("\f"))
    rows = sum(len(group["rows"]) for group in data["statistics"]["groups"])
    return data_time, pdf_time, pages, rows


def report_from_data(vp) -> None:
    """The report as the flow compiles it: prose as typed (the seed's), facts and statistics from the data."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from nominations.models import AnnualReport
    from nominations.report_examples import seed_prose
    from nominations.simulation import simulate

    chief = User.objects.get(username="chanhvp")
    report = AnnualReport(agency=vp, year=2023, **seed_prose())
    with CaptureQueriesContext(connection) as queries:
        from nominations.documents import report_document_data

        report_document_data(report)
    data_time, pdf_time, pages, rows = _report_render(report, chief)
    print(f"annual report 2023 compiled from the demo Office's data ({pages} pages, {rows} statistics rows, "
          f"{len(queries)} queries): data {data_time * 1000:.0f} ms, PDF {pdf_time:.2f} s (best of 3)")

    try:
        with transaction.atomic():
            start = time.perf_counter()
            summary = simulate(year=2026, units=UNITS, staff_per_unit=STAFF, seed=1)
            elapsed = time.perf_counter() - start
            simulated = AnnualReport.objects.get(agency__code=summary["agency"], year=2026)
            data_time, pdf_time, pages, rows = _report_render(simulated, chief)
            print(f"simulated year ({UNITS} units x {STAFF} people, {summary['lines']} lines, report "
                  f"{summary['report']['document']}): whole year {elapsed:.1f} s; "
                  f"report data {data_time * 1000:.0f} ms, PDF {pdf_time:.2f} s "
                  f"({pages} pages, {rows} statistics rows)")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
