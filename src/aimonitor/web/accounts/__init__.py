"""Who works on the monitor in which role: researchers, and per municipality coordinators
and contributors. The fieldwork portal builds on this; see :mod:`.models`."""
