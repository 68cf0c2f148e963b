"""The document engine: numbering register, rendering to PDF, issued documents (domain §8).

Domain-free: a document is a template name plus a plain context dict. The award domain
builds the dicts; this package numbers, renders, stores and serves the result.
"""
