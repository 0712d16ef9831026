"""Waves of the monitor: the year, its status, its frame year and its frozen questionnaire.

Fieldwork, the published outputs, the public pages (and the coming dashboard, benchmark and
open-data exports) all refer to a wave; none of them owns it.
"""
