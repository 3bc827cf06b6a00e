"""Signals the search core sends."""

from django.dispatch import Signal

#: sent after an editor changed the synonym list
synonyms_changed = Signal()
