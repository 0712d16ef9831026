"""The headline specification: which estimates become which key findings, per theme.

The specification is data (``data/findings/headlines.yaml``), validated here into frozen
models; :mod:`.keyfindings` turns it into sentences. Kinds:

* ``share``: one proportion with a quantifier ("Bijna de helft van de gemeenten ...");
  optional ``trend`` (change since the previous wave; "no clear difference" when not
  significant) and ``gradient`` (largest against smallest size class; said only when
  significant) sentences.
* ``ranking``: the top k of a multiple choice (``codes_of``) or of a grid's rows
  (``rows_of`` with ``option``), with ranks that cannot be told apart said as such.
* ``mean``: one mean with a caller template holding ``{value}`` and ``{interval}``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from aimonitor.errors import AimonitorError
from aimonitor.i18n import Text
from aimonitor.reading import InputFileError, load_yaml


class HeadlineSpecError(AimonitorError):
    """The headline specification is malformed."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PredicateSpec(_Frozen):
    singular: Text
    plural: Text


class PopulationSpec(_Frozen):
    definite: Text
    bare: Text


class TrendSpec(_Frozen):
    topic: Text


class GradientSpec(_Frozen):
    topic: Text
    more: Text
    less: Text


class ShareHeadline(_Frozen):
    theme: str
    kind: Literal["share"]
    variable: str
    option: str
    predicate: PredicateSpec
    population: str | None = None
    trend: TrendSpec | None = None
    gradient: GradientSpec | None = None


class RankingHeadline(_Frozen):
    theme: str
    kind: Literal["ranking"]
    intro: PredicateSpec
    k: Annotated[int, Field(ge=1, le=10)] = 3
    codes_of: str | None = None
    rows_of: str | None = None
    option: str | None = None
    """For ``rows_of``: the option estimated per row (``mean``, ``group:<key>``)."""
    option_prefix: str = ""
    """For ``codes_of``: put before each code (``top3:`` for rankings)."""
    scale: Literal["proportion", "mean"] = "proportion"
    """A ranking's shares are of the item's base; when that is not all municipalities, the
    ``intro`` says whose they are ("Onder gemeenten die met AI experimenteren, ...")."""

    @model_validator(mode="after")
    def _one_source(self) -> RankingHeadline:
        if (self.codes_of is None) == (self.rows_of is None):
            raise ValueError("a ranking takes exactly one of 'codes_of' and 'rows_of'")
        if self.rows_of is not None and self.option is None:
            raise ValueError("a ranking over 'rows_of' needs the 'option' estimated per row")
        return self


class MeanHeadline(_Frozen):
    theme: str
    kind: Literal["mean"]
    variable: str
    template: Text

    @model_validator(mode="after")
    def _placeholders(self) -> MeanHeadline:
        for text in (self.template.nl, self.template.en):
            if "{value}" not in text or "{interval}" not in text:
                raise ValueError("a mean template needs {value} and {interval}")
        return self


Headline = Annotated[ShareHeadline | RankingHeadline | MeanHeadline, Field(discriminator="kind")]


class HeadlineSpec(_Frozen):
    size_class_phrases: dict[str, Text]
    populations: dict[str, PopulationSpec] = {}
    headlines: tuple[Headline, ...]

    @model_validator(mode="after")
    def _known_populations(self) -> HeadlineSpec:
        for number, headline in enumerate(self.headlines, start=1):
            population = getattr(headline, "population", None)
            if population is not None and population not in self.populations:
                raise ValueError(f"headline {number}: unknown population {population!r}")
        return self


def load_headline_spec(path: Path) -> HeadlineSpec:
    """Read and validate the specification; one clear line for any problem."""
    try:
        data = load_yaml(path)
    except InputFileError as error:
        raise HeadlineSpecError(f"{path}: {error}") from None
    try:
        return HeadlineSpec.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise HeadlineSpecError(f"{path}: {where}: {first['msg']}") from None
