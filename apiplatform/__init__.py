"""The API platform: conventions and services shared by every public API of Ketenkaart.

The routers that expose data live with their app (`<app>/api.py`); this app holds what they
have in common: NL API Design Rules conventions (API-Version, problem+json, no trailing
slashes, security headers, CORS), HTTP caching keyed on a content generation, API keys with
rate limits, member write tokens, webhooks, the HSDS endpoints and the embeddable widget.
"""
