"""A structured citation: a primary authority, the exact sentence relied on, secondary pages."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

# Hosts (and their subdomains) that publish primary texts: the Federal Register, the CFR, the
# U.S. Code and statutes, and the agencies' own pages. Commercial mirrors and law-school copies
# (law.cornell.edu among them) may only appear under `see_also`.
OFFICIAL_DOMAINS = (
    "federalregister.gov",
    "govinfo.gov",
    "ecfr.gov",
    "uscode.house.gov",
    "congress.gov",
    "uscis.gov",
    "dhs.gov",
    "state.gov",
    "justice.gov",
    "supremecourt.gov",
    "uscourts.gov",
)

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=2000)]
Quote = Annotated[str, StringConstraints(strip_whitespace=True, min_length=12, max_length=2000)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]


def is_official_address(url: str) -> bool:
    """Whether `url` is an https? address on one of the official domains (or a subdomain)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return False
    return any(host == domain or host.endswith(f".{domain}") for domain in OFFICIAL_DOMAINS)


def _official(url: str) -> str:
    if not is_official_address(url):
        allowed = ", ".join(OFFICIAL_DOMAINS)
        raise ValueError(
            f"a primary authority's address must be on an official domain ({allowed}); "
            f"got {url!r}: put secondary pages under see_also"
        )
    return url


def _web_address(url: str) -> str:
    if urlsplit(url).scheme not in ("http", "https"):
        raise ValueError(f"not a web address: {url!r}")
    return url


OfficialUrl = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_official)]
WebUrl = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_web_address)]


class _Authority(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FederalRegister(_Authority):
    """A Federal Register document: `90 FR 13611 (FR Doc 2025-05128, 25 Mar 2025)`."""

    kind: Literal["federal_register"]
    title: Text
    volume: int = Field(gt=0, le=200)
    page: int | None = Field(
        None, gt=0, description="The first page; left out only when no primary copy shows it."
    )
    document: Annotated[str, StringConstraints(pattern=r"^(E\d-\d+|\d{2,4}-\d{3,6})$")]
    published_on: dt.date
    url: OfficialUrl

    @property
    def label(self) -> str:
        page = self.page or "(page not verified)"
        return (
            f"{self.volume} FR {page} (FR Doc {self.document}, "
            f"{self.published_on:%d %b %Y}), {self.title}"
        )


class Cfr(_Authority):
    """A section of the Code of Federal Regulations: `8 CFR 212.5(e)(2)(i)`."""

    kind: Literal["cfr"]
    title: int = Field(gt=0, le=50)
    part: Short
    section: Short
    paragraph: Short | None = None
    url: OfficialUrl

    @property
    def label(self) -> str:
        return f"{self.title} CFR {self.section}{self.paragraph or ''}"


class Statute(_Authority):
    """A statute: an INA section and/or a U.S. Code title and section, or a public law's section."""

    kind: Literal["statute"]
    ina_section: Short | None = None
    usc_title: int | None = Field(None, gt=0, le=54)
    usc_section: Short | None = None
    public_law: Short | None = None
    public_law_section: Short | None = None
    url: OfficialUrl

    @property
    def label(self) -> str:
        parts = []
        if self.ina_section:
            parts.append(f"INA {self.ina_section}")
        if self.usc_title and self.usc_section:
            parts.append(f"{self.usc_title} U.S.C. {self.usc_section}")
        if self.public_law:
            section = f" sec. {self.public_law_section}" if self.public_law_section else ""
            parts.append(f"Pub. L. {self.public_law}{section}")
        return ", ".join(parts) or self.url

    @model_validator(mode="after")
    def _names_the_law(self) -> Statute:
        if not (self.ina_section or (self.usc_title and self.usc_section) or self.public_law):
            raise ValueError(
                "a statute needs ina_section, usc_title with usc_section, or public_law"
            )
        return self


class PolicyManual(_Authority):
    """A chapter of the USCIS Policy Manual."""

    kind: Literal["policy_manual"]
    volume: Short
    part: Short
    chapter: Short
    url: OfficialUrl

    @property
    def label(self) -> str:
        return f"USCIS Policy Manual, vol. {self.volume}, pt. {self.part}, ch. {self.chapter}"


class ProgramPage(_Authority):
    """The agency's own page for the program (uscis.gov, dhs.gov, state.gov)."""

    kind: Literal["program_page"]
    title: Text
    url: OfficialUrl

    @property
    def label(self) -> str:
        return self.title


class CourtOrderText(_Authority):
    """A court's order on its own site: `Noem v. Doe, No. 24A1079 (U.S. 30 May 2025)`."""

    kind: Literal["court_order"]
    court: Text
    case: Text
    entered_on: dt.date
    url: OfficialUrl

    @property
    def label(self) -> str:
        return f"{self.case} ({self.court}, {self.entered_on:%d %b %Y})"


Authority = Annotated[
    FederalRegister | Cfr | Statute | PolicyManual | ProgramPage | CourtOrderText,
    Field(discriminator="kind"),
]


class Citation(BaseModel):
    """What a rule, fee, exemption or status change relies on: primary text first, quoted."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    authority: Authority
    quote: Quote = Field(description="The exact words relied on, copied from the primary text.")
    see_also: list[WebUrl] = Field(default_factory=list)

    @property
    def text(self) -> str:
        """One line for results, notices and audit details: the authority and its address."""
        return f"{self.authority.label}, {self.authority.url}"

    def __str__(self) -> str:
        return self.text
