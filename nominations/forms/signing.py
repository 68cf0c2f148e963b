"""The one confirmation every signing step asks for (issue 18, "sign with your eyes open"): the signer ticks
that he read the drafts listed above the button (``nominations/_sign_previews.html``); without it nothing is
signed, whatever the browser let through."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SignForm(forms.Form):
    read_drafts = forms.BooleanField(
        label=_("Tôi đã đọc các dự thảo trên và đồng ý ký ban hành."),
        error_messages={"required": _("Chưa ký: hãy đọc các dự thảo và đánh dấu ô “Tôi đã đọc các dự thảo trên "
                                      "và đồng ý ký ban hành.”")})
