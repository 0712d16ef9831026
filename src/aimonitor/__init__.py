"""AI Monitor: the yearly survey of AI in Dutch municipalities, from questionnaire to report."""

__version__ = "0.1.0"
