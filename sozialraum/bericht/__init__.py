"""The Sozialbericht: the biennial social report as a print PDF and a static web edition."""

from .build import Result, build_report
from .config import BerichtError

__all__ = ["BerichtError", "Result", "build_report"]
