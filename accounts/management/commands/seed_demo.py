"""Build the demo organisation (and whatever the domain apps add to it); safe to run again."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from accounts.demo import DemoConflict, demo_logins


class Command(BaseCommand):
    help = _("Tạo dữ liệu mẫu: Văn phòng UBND tỉnh Quảng Ngãi, Sở Nội vụ, người dùng và vai trò.")

    def add_arguments(self, parser):
        parser.add_argument("--print-logins", action="store_true",
                            help=_("In danh sách tài khoản demo sau khi tạo."))

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                for dotted in settings.DEMO_SEEDERS:
                    result = import_string(dotted)(stdout=self.stdout)
                    created = sum(result.created.values())
                    unchanged = sum(result.unchanged.values())
                    self.stdout.write(
                        _("%(seeder)s: tạo mới %(created)d, giữ nguyên %(unchanged)d.")
                        % {"seeder": dotted, "created": created, "unchanged": unchanged}
                    )
        except DemoConflict as conflict:
            lines = "\n".join(f"  - {line}" for line in conflict.conflicts)
            raise CommandError(
                _("Cơ sở dữ liệu đã có dữ liệu khác với dữ liệu mẫu; không ghi gì cả. Xung đột:\n%(lines)s")
                % {"lines": lines}
            ) from None
        if options["print_logins"]:
            password = settings.DEMO_PASSWORD
            self.stdout.write("")
            if password:
                self.stdout.write(_("Tài khoản demo (mật khẩu chung: %(password)s):") % {"password": password})
            else:
                self.stdout.write(_("Tài khoản demo (chưa đặt mật khẩu: DEMO_PASSWORD trống):"))
            for username, what in demo_logins():
                self.stdout.write(f"  {username:<22} {what}")
