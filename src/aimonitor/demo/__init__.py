"""Synthetic demo waves, calibrated to the published findings and always labelled synthetic.

Every record this package makes carries ``synthetic=True``; every output that shows them
must say "Synthetische demonstratiedata" / "Synthetic demonstration data"
(:func:`aimonitor.i18n.synthetic_data_label`).
"""

from aimonitor.demo.generator import DEFAULT_SEED, DEMO_WAVE_YEARS, generate_demo_waves
from aimonitor.demo.model import DemoResponse, DemoWave

__all__ = [
    "DEFAULT_SEED",
    "DEMO_WAVE_YEARS",
    "DemoResponse",
    "DemoWave",
    "generate_demo_waves",
]
