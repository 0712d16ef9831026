"""Read a questionnaire YAML file into a validated :class:`Questionnaire`.

The file is untrusted input: it is read with :func:`aimonitor.reading.load_yaml`, which bounds
its size, nesting and alias use before any object is built.
"""

from __future__ import annotations

from pathlib import Path

from aimonitor.questionnaire.errors import QuestionnaireError
from aimonitor.questionnaire.model import Questionnaire
from aimonitor.reading import InputFileError, load_yaml


def load_questionnaire(path: str | Path) -> Questionnaire:
    """Load and validate ``path``; any problem raises :class:`QuestionnaireError`
    with the message ``FILE: item X: problem``."""
    source = str(path)
    try:
        data = load_yaml(Path(path))
    except InputFileError as error:
        raise QuestionnaireError(str(error), source=source) from None
    return Questionnaire.from_dict(data, source=source)
