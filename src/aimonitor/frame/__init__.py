"""The population frame: the 342 Dutch municipalities per year, their size class and
province, and the mergers that link municipalities across years.

See ``docs/methodology/frame.md``. This package does not import Django or the web front end.
"""

from aimonitor.frame.errors import FrameError
from aimonitor.frame.lineage import Lineage, Merger, load_lineage
from aimonitor.frame.loader import FRAME_YEARS, load_frame
from aimonitor.frame.model import Frame, Municipality, municipality_code, municipality_number
from aimonitor.frame.provinces import PROVINCES
from aimonitor.frame.size_classes import SIZE_CLASSES, SizeClass, size_class_of

__all__ = [
    "FRAME_YEARS",
    "PROVINCES",
    "SIZE_CLASSES",
    "Frame",
    "FrameError",
    "Lineage",
    "Merger",
    "Municipality",
    "SizeClass",
    "load_frame",
    "load_lineage",
    "municipality_code",
    "municipality_number",
    "size_class_of",
]
