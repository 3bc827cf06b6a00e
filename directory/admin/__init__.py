"""Wagtail admin for the directory (viewsets are registered in `directory/wagtail_hooks.py`)."""
