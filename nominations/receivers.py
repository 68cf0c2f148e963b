"""Keep the award registry's search columns (``PastAward.holder_unit``, ``holder_name_key``) equal to the holder
as they are now: a person who moves to another unit, or whose name is corrected, is found under the new unit and
name with every award they hold; a renamed unit likewise. One UPDATE per change, none when the person or unit is
new (they hold no award yet) or when the saved fields cannot touch the columns. The columns are out of the award's
history (they copy what the person's and the unit's own history records), hence the bulk updates.
"""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.models import Unit, User

from .models import PastAward

PERSON_FIELDS = frozenset({"unit", "unit_id", "full_name", "name_search_key", "birth_date"})
UNIT_FIELDS = frozenset({"name"})


def _touches(update_fields, fields: frozenset[str]) -> bool:
    return update_fields is None or bool(fields & set(update_fields))


@receiver(post_save, sender=User, dispatch_uid="nominations.registry_follows_person")
def registry_follows_person(sender, instance: User, created: bool, update_fields=None, raw=False, **kwargs) -> None:
    if created or raw or not _touches(update_fields, PERSON_FIELDS):
        return
    holder = PastAward.holder_columns(person=instance)
    PastAward.objects.filter(person=instance).exclude(**holder).update(**holder)  # audit: bulk-ok out of history


@receiver(post_save, sender=Unit, dispatch_uid="nominations.registry_follows_unit")
def registry_follows_unit(sender, instance: Unit, created: bool, update_fields=None, raw=False, **kwargs) -> None:
    if created or raw or not _touches(update_fields, UNIT_FIELDS):
        return
    holder = PastAward.holder_columns(unit=instance)
    PastAward.objects.filter(unit=instance).exclude(**holder).update(**holder)  # audit: bulk-ok out of history
