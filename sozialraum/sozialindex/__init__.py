"""Configurable social index (Sozialindex) after Berlin's Monitoring Soziale Stadtentwicklung (MSS).

The method, checked against the published MSS 2021 tables (all 536 status classes, dynamics classes and
combined types reproduced, see ``docs/sozialindex.md``):

1. Leave out areas below ``min_population`` inhabitants and areas with a missing input value.
2. Standardise every indicator over the remaining areas: z = (x − mean) / std, unweighted (every area
   counts once, not by population) and with the population standard deviation (``ddof=0``).
3. Add the z-scores with their weights (MSS: equal weights) and standardise this sum again.
4. Cut the second z-score at standard-deviation limits into classes (MSS status: −1 / +1 / +1.5,
   dynamics: −1 / +1). High shares of unemployment and transfer receipt mean a *low* status, so class 1
   ("hoch") holds the lowest z-scores. A value exactly on a limit belongs to the class nearer to 0.

By responsibility: `config` (IndexConfig, catalogue-based configuration, MSS 2021), `compute` (z-scores,
classes, the indices and their inputs), `text` (the method and summaries in German), `bundle` (the index as
indicators of a data folder and per area). This package re-exports their public names, so callers import
from `sozialraum.sozialindex`. Pure domain code: no streamlit here.
"""

from .bundle import (
    DYNAMICS_ID,
    INDEX_IDS,
    INDEX_THEME,
    INDEX_UNIT,
    NOTE_LEFT_OUT,
    NOTE_WITHHELD,
    NOTE_WITHHELD_SMALL,
    SETTINGS_FILE,
    STATUS_ID,
    AreaIndex,
    area_index,
    same_as_settings,
    with_index,
)
from .compute import (
    DYNAMICS_SUFFIX,
    RESULT_COLUMNS,
    combined_type,
    cut_classes,
    dynamics_column,
    dynamics_index,
    index_inputs,
    status_index,
    zscores,
)
from .config import (
    D1,
    D2,
    D3,
    D4,
    KNOWN_STATUS_SETS,
    MSS_2021,
    MSS_NAMES,
    S1,
    S2,
    S3,
    S4,
    IndexConfig,
    catalogue_config,
    default_status_indicators,
    rated_indicators,
)
from .text import MINUS, describe_config, dynamics_summary, status_summary, summary_sentence, type_table

__all__ = [
    "D1", "D2", "D3", "D4", "DYNAMICS_ID", "DYNAMICS_SUFFIX", "INDEX_IDS", "INDEX_THEME", "INDEX_UNIT",
    "KNOWN_STATUS_SETS", "MINUS", "MSS_2021", "MSS_NAMES", "NOTE_LEFT_OUT", "NOTE_WITHHELD", "NOTE_WITHHELD_SMALL",
    "RESULT_COLUMNS", "S1", "S2", "S3", "S4", "SETTINGS_FILE", "STATUS_ID", "AreaIndex", "IndexConfig", "area_index",
    "catalogue_config", "combined_type", "cut_classes", "default_status_indicators", "describe_config",
    "dynamics_column", "dynamics_index", "dynamics_summary", "index_inputs", "rated_indicators", "same_as_settings",
    "status_index", "status_summary", "summary_sentence", "type_table", "with_index", "zscores",
]  # fmt: skip
