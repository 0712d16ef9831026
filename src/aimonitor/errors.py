"""The one base class for errors a user can cause and fix.

Commands catch :class:`AimonitorError` and print its message as one line, without a
traceback. Anything else is a bug and keeps its traceback.
"""


class AimonitorError(Exception):
    """An expected error with a message that says what went wrong and where."""
