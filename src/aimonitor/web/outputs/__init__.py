"""A wave's published outputs from the database: the estimates exports and the reports.

:mod:`.publish` reads the waves and runs the core's main job
(:func:`aimonitor.publication.publish`); :mod:`.reports` knows where built reports are kept.
"""
