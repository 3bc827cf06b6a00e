"""The public partner directory: the listing with filters, organisation pages, "report an error".

Results always come from the search interface (``search.get_backend().search(DirectoryQuery)``),
then one hydrating query with fixed prefetches, so the number of SQL queries per page does not
depend on the page size.
"""
