"""Organisations going out: CSV (flat summary) and, through the HSDS plugin, HSDS JSON.

Exporters receive a queryset that the caller already limited to what the user may see
(``visibility.visible_to``); they stream text chunks so exports of 100,000 organisations do not
build the whole file in memory.
"""
