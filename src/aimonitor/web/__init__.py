"""The Django front end of the AI Monitor: fieldwork, public pages and the database.

This package is the only place that imports Django (enforced by import-linter).
"""
