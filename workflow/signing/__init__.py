"""Ký số: PAdES signatures on issued documents (Nghị định 30/2020/NĐ-CP, Điều 5, 13, 14, 17, 32 and Phụ lục I,
mục II.7–II.8) — who holds which key, signing a rendered PDF, verifying what was signed.

Engine code: knows people (``accounts``) and the document register (``workflow.documents``), never the domain.
"""
