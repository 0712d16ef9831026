"""Waves, municipal responses and their answers."""
