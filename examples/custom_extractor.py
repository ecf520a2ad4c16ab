"""Add an extractor at run time, without packaging it: ``Pipeline.build(plugins=[...])``.

The ``money`` extractor finds amounts such as "$4.5 billion" or "€300 million"
and stores them, with their offsets, in ``doc.extensions["money"]``. Any object
with ``@hookimpl`` functions is a plugin; here it is a small class.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import regex
from pydantic import BaseModel, ConfigDict, Field

from newsparse import Article, Extractor, Pipeline, Span, hookimpl

_MONEY_RE = regex.compile(
    r"""
    (?P<currency>[$€£])                   # a currency sign
    (?P<number>\d{1,3}(?:,\d{3})+|\d+)    # 1,200,000 or 45
    (?P<decimals>\.\d+)?                  # .5
    (?:\s(?P<scale>million|billion|trillion)\b)?
    """,
    regex.VERBOSE,
)
_CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP"}
_SCALES = {None: 1, "million": 10**6, "billion": 10**9, "trillion": 10**12}


class MoneyConfig(BaseModel):
    """Settings of the ``money`` extractor."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_value: float = Field(default=0, ge=0, description="Smaller amounts are left out.")


class Amount(BaseModel):
    """One amount of money found in the text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    span: Span = Field(description="Where it is written, sign and scale included.")
    currency: str = Field(description="ISO 4217 code.")
    value: float = Field(description="The amount in units of the currency.")


class Money(BaseModel):
    """What the extractor stores in ``doc.extensions["money"]``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    amounts: tuple[Amount, ...] = Field(default=(), description="Amounts in text order.")


class MoneyExtractor(Extractor[MoneyConfig]):
    """Find amounts of money written with a currency sign."""

    name = "money"
    version = "0.1.0"
    provides = ("extensions.money",)  # needs no other layer: requires = ()
    Config = MoneyConfig

    def extract(self, doc: Article) -> Mapping[str, Any]:
        amounts: list[Amount] = []
        for match in _MONEY_RE.finditer(doc.text):
            number = float(match["number"].replace(",", "") + (match["decimals"] or ""))
            value = number * _SCALES[match["scale"]]
            if value >= self.config.min_value:
                amounts.append(
                    Amount(
                        span=doc.span(*match.span()),
                        currency=_CURRENCIES[match["currency"]],
                        value=value,
                    )
                )
        # Extensions hold JSON values: dump the model in JSON mode (tuples become lists)
        # and read them back with the same model: doc.extension("money", Money).
        return {"extensions.money": Money(amounts=tuple(amounts)).model_dump(mode="json")}


class MoneyPlugin:
    """A plugin object: pluggy registers any object with ``@hookimpl`` functions."""

    @hookimpl
    def newsparse_extractors(self) -> list[type[Extractor[Any]]]:
        return [MoneyExtractor]


TEXT = """\
Harbour Deal Signed

The port authority agreed to a $4.5 billion expansion on Friday. Local firms
will share €300 million in contracts, and a £75 fee for each container will
be dropped, the authority said.
"""


def main() -> None:
    # entry_points=False: only the built-ins plus the plugins given here.
    pipeline = Pipeline.build(plugins=[MoneyPlugin()], entry_points=False)
    doc = pipeline.parse(TEXT, id="harbour")
    money = doc.extension("money", Money)
    assert money is not None
    for amount in money.amounts:
        span = amount.span
        assert doc.text[span.start : span.end] == span.text
        print(
            f"{span.start:>4}:{span.end:<4} {span.text:<14} {amount.currency} {amount.value:,.0f}"
        )

    # Settings are validated when the pipeline is built.
    big = Pipeline.build(
        {"money": {"min_value": 1_000_000}}, plugins=[MoneyPlugin()], entry_points=False
    )
    found = big.parse(TEXT, id="harbour").extension("money", Money)
    assert found is not None
    print("at least one million:", ", ".join(a.span.text for a in found.amounts))


if __name__ == "__main__":
    main()
