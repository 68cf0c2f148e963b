"""The REST API, version 1 (issue 22): other systems read the registry, decisions, cycles and dossiers.

Every read goes through the same permission-filtering selectors as the pages: a client is its service account, a
``User`` with role assignments like a person's, so it sees what that person would see and a forbidden object
answers 404 like a missing one. One convention for every route: token authentication (``authentication``), page
numbers with a capped count (``pagination``), RFC 9457 problem details with Vietnamese titles (``errors``).
"""
