"""Phones to E.164, e-mail addresses and IP addresses to comparable keys."""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache

import phonenumbers

_NOT_DIGIT = re.compile(r"\D")
_PLACEHOLDER_DIGITS = re.compile(r"^(\d)\1+$")
_PLACEHOLDER_PHONES = {"1234567890", "0123456789", "5555555555", "5551234567"}
_NANP = re.compile(r"^1?[2-9]\d{2}[2-9]\d{6}$")
_EMAIL = re.compile(r"^[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]{2,}$")
_PLUS_TAG_DOMAINS = {"gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "icloud.com"}
_DOTLESS_DOMAINS = {"gmail.com", "googlemail.com"}


@lru_cache(maxsize=500_000)
def normalise_phone(raw: str | None, default_region: str = "US") -> str | None:
    """E.164 form (+15551234567), or None for blanks, placeholders and impossible numbers."""
    if raw is None or not str(raw).strip():
        return None
    digits = _NOT_DIGIT.sub("", str(raw))
    national = digits[-10:]
    if _PLACEHOLDER_DIGITS.match(national) or national in _PLACEHOLDER_PHONES:
        return None
    text = str(raw).lstrip()
    if _NANP.match(digits) and (text.startswith("+1") or not text.startswith(("+", "00"))):
        return "+1" + digits[-10:]  # a North American number: no parser needed
    try:
        number = phonenumbers.parse(str(raw), default_region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@lru_cache(maxsize=500_000)
def normalise_email(raw: str | None) -> str | None:
    """Lower-case address; plus-tags and Gmail dots removed where the provider ignores them."""
    if raw is None:
        return None
    text = str(raw).strip().lower()
    if not _EMAIL.match(text):
        return None
    local, domain = text.rsplit("@", 1)
    if domain in _PLUS_TAG_DOMAINS:
        local = local.split("+", 1)[0]
    if domain in _DOTLESS_DOMAINS:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}" if local else None


def normalise_ip(raw: str | None) -> str | None:
    """Canonical IP text (IPv4-mapped IPv6 becomes IPv4; IPv6 is cut to its /64 network)."""
    if raw is None or not str(raw).strip():
        return None
    try:
        address = ipaddress.ip_address(str(raw).strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
