"""Thin views of the award domain, one module per concern; they call services and selectors."""

from .eligibility import CheckView, ImportView

__all__ = ["CheckView", "ImportView"]
