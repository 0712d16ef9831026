"""Open data of a published wave: the microdata in CSV, Parquet and SPSS, and a DDI-Codebook.

:func:`~aimonitor.exports.microdata.build_microdata` makes the table (pure);
:data:`~aimonitor.exports.formats.FORMATS` writes it in each format.
"""

from aimonitor.exports.formats import FORMATS, writer_of
from aimonitor.exports.microdata import Microdata, MicrodataColumn, build_microdata

__all__ = ["FORMATS", "Microdata", "MicrodataColumn", "build_microdata", "writer_of"]
