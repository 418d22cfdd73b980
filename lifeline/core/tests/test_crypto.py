"""Encrypted fields and keyed hashes."""

from lifeline.core import crypto


def test_encrypt_round_trips_and_hides_the_plain_text() -> None:
    token = crypto.encrypt("123-45-6789")
    assert "123-45-6789" not in token
    assert crypto.decrypt(token) == "123-45-6789"


def test_encrypting_twice_gives_different_tokens_but_equal_keyed_hashes() -> None:
    assert crypto.encrypt("A1234567") != crypto.encrypt("A1234567")
    assert crypto.keyed_hash("a1234567") == crypto.keyed_hash(" A123 4567 ")
    assert crypto.keyed_hash("A1234567") != crypto.keyed_hash("A1234568")
