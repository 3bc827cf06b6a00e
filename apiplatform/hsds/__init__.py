"""Open Referral HSDS 3.0 API under /api/hsds/ (names, parameters and paging fixed by HSDS).

Where HSDS fixes a name it wins over our own conventions (the NL API Design Rules): snake_case
paths such as /service_at_locations, `page`/`per_page` parameters, the paging envelope
(total_items, total_pages, page_number, size, first_page, last_page, empty, contents) and the
root at "/" (so `/api/hsds/` is the one URL of ours that ends in a slash). Everything else
(API-Version, problem+json errors, CORS, ETag/304, rate limits) is the same as /api/v1.
The objects come from the directory's HSDS serialisers (directory/plugins/hsds/export.py), the
same ones the file export uses.
"""
