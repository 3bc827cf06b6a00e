"""Bringing organisations into the directory: CSV and (through the HSDS plugin) HSDS JSON.

Every importer validates everything first and writes nothing when any record fails; writing
goes through ``writer.BulkWriter`` so 100,000 rows take seconds, not hours.
"""
