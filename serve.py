"""Production entry point: the dashboard (app.py) plus the light phone vote page on the same server.

    streamlit run serve.py --server.port 8501

`streamlit run` finds `app` below and serves app.py through Streamlit's `st.App` (Starlette) with
the extra route `/abstimmen` (sozialraum/konferenz/phone_vote.py). `streamlit run app.py` still runs
the dashboard alone; the QR code then points to the Streamlit vote page (pages/12_Abstimmung.py).
Here, not in app.py: once the data is loaded, the views the first visitors open are computed in the
background (components/warm.py).
"""

import streamlit as st

from components import warm
from components.server_routes import extra_routes

warm.enable()
app = st.App("app.py", routes=extra_routes())
