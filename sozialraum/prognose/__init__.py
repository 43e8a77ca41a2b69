"""Small-area population projection (Hamilton–Perry) for Altenhilfe-, Kita- and Schulplanung.

Modules: ``agegroups`` (groups and ageing), ``method`` (ratios, damping, projection), ``config``
(``prognose.toml``: scenarios, care rates, derived groups), ``data`` (``altersstruktur.csv``),
``derived`` (65+, 80+, Kita age, care estimate), ``run`` (all scenarios and levels of a folder),
``backtest`` (Berlin planning areas). Never imports streamlit.
"""
