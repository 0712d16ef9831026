"""The one base class for errors a user can cause and fix.

Commands catch :class:`AimonitorError` and print its message as one line, without a
traceback. Anything else is a bug and keeps its traceback.
"""

import re


class AimonitorError(Exception):
    """An expected error with a message that says what went wrong and where."""


_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@'\"]*):[^\s/@'\"]*@")
_KEYWORD_PASSWORD = re.compile(r"(?P<head>\bpassword\s*=\s*)(?:'[^']*'|\"[^\"]*\"|[^\s'\"]+)", re.I)


def redact_credentials(text: str) -> str:
    """``text`` with every password in it replaced by ``***``: in URLs
    (``postgres://user:secret@host/db`` becomes ``postgres://user:***@host/db``) and in
    connection strings (``password=secret``). Everything that prints a database URL or an
    error message that may hold one goes through here: no credential is ever shown."""
    text = _URL_PASSWORD.sub(r"\g<head>:***@", text)
    return _KEYWORD_PASSWORD.sub(r"\g<head>***", text)
