"""``{% can_read_document document as readable %}``: link a document only for someone the register
lets read it (``documents_for_user``); for anyone else a link would answer 404."""

from django import template

from workflow.documents.selectors import documents_for_user

register = template.Library()


@register.simple_tag(takes_context=True)
def can_read_document(context, document) -> bool:
    request = context.get("request")
    if document is None or request is None:
        return False
    return documents_for_user(request.user).filter(pk=document.pk).exists()
