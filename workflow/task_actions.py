"""Taking a task from the queue and giving it back, with a message that names the task by its step and what it
carries ("Đã nhận việc “Duyệt hồ sơ” (Phòng Kinh tế — Xét khen thưởng năm 2025)…"), not viewflow's
"Task #28 has been assigned" (issue 18: feedback after every action)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from viewflow.workflow.flow.views import AssignTaskView, UnassignTaskView

from .naming import process_name


def _named(activation) -> dict:
    """The step and what its process carries, named as the desk and the inbox name them (``workflow.naming``)."""
    return {"step": str(activation.task.flow_task.task_title), "subject": process_name(activation.process)}


class NamedAssignTaskView(AssignTaskView):
    def get_success_message(self, cleaned_data):
        return _("Đã nhận việc “%(step)s” (%(subject)s): việc này giờ là của bạn, xử lý ngay ở trang này.") % _named(
            self.request.activation)


class NamedUnassignTaskView(UnassignTaskView):
    def get_success_message(self, cleaned_data):
        return _("Đã trả việc “%(step)s” (%(subject)s) về hàng chờ; người khác trong nhóm có thể nhận.") % _named(
            self.request.activation)
