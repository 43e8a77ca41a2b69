"""The public address a handout's QR code opens: missing, loopback and internal addresses are named."""

from __future__ import annotations

import pytest

from sozialraum.konferenz.addresses import handout_url, public_address_problem


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("", "fehlt"),
        ("sozialraum.gera.de", "keine Adresse wie"),
        ("http://localhost:8501", "nur in diesem Netz"),
        ("http://127.0.0.1:8501", "dieses Rechners oder Netzes"),
        ("http://[::1]:8501", "dieses Rechners oder Netzes"),
        ("http://192.168.1.20:8501", "dieses Rechners oder Netzes"),
        ("http://10.0.0.5", "dieses Rechners oder Netzes"),
        ("http://dashboard.local", "nur in diesem Netz"),
        ("http://sozialplanung-pc:8501", "ohne Domain"),
    ],
)
def test_unusable_public_addresses_are_named(address: str, expected: str) -> None:
    problem = public_address_problem(address)
    assert problem is not None and expected in problem


@pytest.mark.parametrize("address", ["https://sozialraum.gera.de", "http://93.184.216.34", " https://a.example.org/ "])
def test_public_addresses_pass(address: str) -> None:
    assert public_address_problem(address) is None


def test_handout_url_points_to_the_public_steckbrief() -> None:
    assert handout_url("https://sozialraum.gera.de/", "05") == "https://sozialraum.gera.de/Steckbrief?gebiet=05"
