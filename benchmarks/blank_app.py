"""The blank Streamlit floor: Streamlit's own start-up in the browser, nothing else.

With `?wahl=1` it also shows one selectbox, so the cost of a minimal rerun (a click, the script
runs again, one line of text changes) can be measured next to the map's indicator switch.
"""

import streamlit as st

st.write("Leere Seite")
if st.query_params.get("wahl"):
    choice = st.selectbox("Auswahl", ["A", "B"])
    st.write(f"Gewählt: {choice}")
