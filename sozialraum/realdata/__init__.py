"""Converters from public real data (``../shared/realdata``) into data folders of the contract.

The real data and everything derived from them are never committed: the converters write
into a git-ignored folder (``build/``) at build or test time.
"""

from ..datafolder import Dropped
from .berlin import convert_berlin_2021
from .common import ConversionReport, JoinStats
from .jena import convert_jena

__all__ = ["ConversionReport", "Dropped", "JoinStats", "convert_berlin_2021", "convert_jena"]
