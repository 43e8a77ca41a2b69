"""Sozialraum-Dashboard domain package: loading, validation, computations, figure builders.

It never imports streamlit; the pages and components call it.
"""

from .loader import Bundle, Plan, load_bundle
from .report import Issue, Report

__all__ = ["Bundle", "Issue", "Plan", "Report", "load_bundle"]
