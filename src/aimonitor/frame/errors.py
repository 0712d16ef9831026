"""The error the frame raises for data a user can fix."""

from __future__ import annotations

from aimonitor.errors import AimonitorError


class FrameError(AimonitorError):
    """A frame or merger file is missing or malformed, or a code is not in the frame.

    The message is one line and names the file (and line) that needs fixing.
    """
