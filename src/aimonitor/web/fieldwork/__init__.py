"""Fieldwork: municipal responses to a wave and their answers."""
