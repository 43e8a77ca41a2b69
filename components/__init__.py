"""Streamlit-side building blocks: the only Streamlit code besides app.py and pages/."""
