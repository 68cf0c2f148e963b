"""Orchestration: the one place that starts each award process, advances it from outside its own
screens, and hands it over to the next (design §3).

The layers of the award domain, each importing only those before it::

    models → selectors → services → flows → processes → views

- **services** change data (permission, validation, history, audit) and never touch a flow;
- **flows** are graphs: nodes, permissions, deadlines, ``lock_impl``; their human steps name their
  task views by dotted path (``workflow.nodes.lazy_view``), so a flow never imports a view;
- **processes** (this package) call a service and then move the flow: open a dossier and start its
  flow, publish an agenda and open the ballots, approve a session and release the dossiers and send
  each Tờ trình to Sở Nội vụ;
- **views** (task screens and pages) call processes where a flow must move, services otherwise.

``nominations.process_kinds`` describes each process model once for the engine (``workflow.processes``).
"""
