"""E-mail notifications: who hears of what, now or in the morning's digest.

The domain tells people about its own events with one call::

    from workflow.notifications.services import notify
    notify(event="dossier_returned", recipients=[unit_head], scope=unit,
           context={"title": ..., "message": ..., "reason": ...})

Where the domain's mail is the announcement of a new task (a ballot: "vote opened"), the flow node
declares it with ``.Announce(event, context=...)`` (``nodes``) instead, so that person gets that
mail and not also the engine's generic "new task" one.

Templates ``email/<event>_subject.txt``, ``email/<event>.txt`` and ``email/<event>.html``
are used when they exist, ``email/event*`` (title, message, url) otherwise.
"""
