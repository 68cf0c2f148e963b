"""python manage.py simulate_cycle --year 2025 [--agency VP] [--units N --staff-per-unit M] [--seed S] [--json]
[--output-dir DIR]"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from nominations.simulation import simulate


class Command(BaseCommand):
    help = "Drive a complete nomination cycle through the same services and flows as the pages, and summarise it."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--agency", default="VP")
        parser.add_argument("--units", type=int, default=None)
        parser.add_argument("--staff-per-unit", type=int, default=10)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--output-dir", default=None,
                            help="write every document issued during the simulation there as a PDF")

    def handle(self, *args, **options):
        try:
            summary = simulate(year=options["year"], agency_code=options["agency"], units=options["units"],
                               staff_per_unit=options["staff_per_unit"], seed=options["seed"],
                               output_dir=options["output_dir"])
        except Exception as exc:  # every refusal of a service ends the command with its message
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
            return
        self.stdout.write(f"{summary['cycle']} — {summary['agency']}: {summary['units']} units, "
                          f"{summary['dossiers']} dossiers ({summary['returned_dossiers']} returned and resubmitted), "
                          f"{summary['lines']} lines")
        self.stdout.write("Lines by outcome: " + ", ".join(f"{k} {v}" for k, v in summary["lines_by_outcome"].items()))
        self.stdout.write("Lines by title: " + ", ".join(f"{k} {v}" for k, v in summary["lines_by_title"].items()))
        self.stdout.write(f"Minutes: {summary['minutes']}")
        for document in summary["documents"]:
            self.stdout.write(f"  {document['kind']}: {document['number']} ({document['lines']} lines, "
                              f"{document['status']})")
        self.stdout.write(f"Awards recorded: {summary['awards_recorded']}")
        report = summary["report"]
        self.stdout.write(f"Annual report: {report.get('document', '')} ({report['sections']} sections, "
                          f"{report['status']})")
        if summary["pdfs"]:
            self.stdout.write(f"{len(summary['pdfs'])} PDFs written to {summary['output_dir']}")
        self.stdout.write(f"Unfinished processes: {summary['unfinished_processes']}")
        self.stdout.write(f"Elapsed: {summary['elapsed_seconds']} s")
