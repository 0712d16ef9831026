"""The error a broken questionnaire file raises."""

from __future__ import annotations

from aimonitor.errors import AimonitorError


class QuestionnaireError(AimonitorError):
    """A questionnaire that cannot be used, with the file, the item and the problem.

    The message reads ``FILE: item X: problem`` (or ``FILE: problem`` when no single item
    is to blame), so a researcher can go straight to the place to fix.
    """

    def __init__(self, problem: str, *, item: str | None = None, source: str | None = None):
        self.problem = problem
        self.item = item
        self.source = source
        super().__init__(self._message())

    def _message(self) -> str:
        parts = [self.source or "<questionnaire>"]
        if self.item is not None:
            parts.append(f"item {self.item}")
        parts.append(self.problem)
        return ": ".join(parts)

    def with_source(self, source: str) -> QuestionnaireError:
        """The same problem, now naming the file it came from."""
        return QuestionnaireError(self.problem, item=self.item, source=source)
