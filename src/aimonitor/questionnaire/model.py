"""The questionnaire as a whole: themes, special codes and items, in survey order."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Annotated, Any

from pydantic import Field, ValidationError, model_validator

from aimonitor.i18n import Text
from aimonitor.questionnaire.base import Frozen, Key, SpecialCode
from aimonitor.questionnaire.errors import QuestionnaireError
from aimonitor.questionnaire.items import Item
from aimonitor.questionnaire.types import item_variables
from aimonitor.questionnaire.variables import Variable


class Theme(Frozen):
    """A theme of the monitor (``vision``), with its published number (1-6) if it has one."""

    id: Key
    number: Annotated[int, Field(ge=1)] | None = None
    name: Text


class Questionnaire(Frozen):
    """One version of the instrument; build it with :func:`load_questionnaire` or
    :meth:`from_dict`, which turn every problem into a :class:`QuestionnaireError`."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    version: Annotated[str, Field(min_length=1)]
    title: Text
    themes: Annotated[tuple[Theme, ...], Field(min_length=1)]
    special_codes: tuple[SpecialCode, ...] = ()
    items: Annotated[tuple[Item, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _consistent(self) -> Questionnaire:
        from aimonitor.questionnaire.checks import check_questionnaire

        check_questionnaire(self)
        return self

    @classmethod
    def from_dict(cls, data: Any, *, source: str = "<questionnaire>") -> Questionnaire:
        """Validate plain data (parsed YAML, or a stored JSON copy).

        Raises :class:`QuestionnaireError` naming ``source``, the item and the problem.
        """
        from aimonitor.questionnaire.messages import describe_validation_error

        if not isinstance(data, Mapping):
            raise QuestionnaireError(
                "the file must contain a mapping (id, version, ...)", source=source
            )
        try:
            return cls.model_validate(data)
        except ValidationError as error:
            item, problem = describe_validation_error(error, data)
            raise QuestionnaireError(problem, item=item, source=source) from None
        except QuestionnaireError as error:
            raise error.with_source(source) from None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible data; ``from_dict(q.to_dict()) == q``."""
        return self.model_dump(mode="json", exclude_defaults=True)

    def item(self, item_id: str) -> Item:
        """The item with this id; :class:`KeyError` if there is none."""
        try:
            return self._items_by_id[item_id]
        except KeyError:
            raise KeyError(f"no item {item_id!r} in questionnaire {self.id}") from None

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(f"no theme {theme_id!r} in questionnaire {self.id}")

    def variables(self) -> tuple[Variable, ...]:
        """All answer variables in survey order."""
        return self._variables

    def variable(self, name: str) -> Variable:
        """The variable with this name; :class:`KeyError` if there is none."""
        try:
            return self._variables_by_name[name]
        except KeyError:
            raise KeyError(f"no variable {name!r} in questionnaire {self.id}") from None

    def covering_variable(self) -> Variable | None:
        """The variable listing the municipalities a response is also given for (a shared
        organisation's answer, A4a: ``covers: true``), or ``None`` if the instrument has none."""
        return next((v for v in self._variables if v.covers), None)

    def items_of(self, theme_id: str) -> tuple[Item, ...]:
        return tuple(item for item in self.items if item.theme == theme_id)

    def is_shown(self, item_or_variable: str, answers: Mapping[str, object]) -> bool:
        """Whether a respondent with these answers is shown this item (or grid row)."""
        from aimonitor.questionnaire.routing import is_shown

        return is_shown(self, item_or_variable, answers)

    def shown_variables(self, answers: Mapping[str, object]) -> tuple[Variable, ...]:
        """The variables a respondent with these answers should have answered, in order.

        Optional ones (``variable.optional``) are included; leave them out for item
        non-response counts if needed.
        """
        from aimonitor.questionnaire.routing import shown_variables

        return shown_variables(self, answers)

    def routing_inputs(self, item_or_variable: str) -> frozenset[str]:
        """The variables whose answers decide whether this item is shown (transitively)."""
        from aimonitor.questionnaire.routing import routing_inputs

        return routing_inputs(self, item_or_variable)

    @cached_property
    def _items_by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.items}

    @cached_property
    def _variables(self) -> tuple[Variable, ...]:
        special = {special.code: special for special in self.special_codes}
        return tuple(v for item in self.items for v in item_variables(item, special))

    @cached_property
    def _variables_by_name(self) -> dict[str, Variable]:
        return {variable.name: variable for variable in self._variables}
