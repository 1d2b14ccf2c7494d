"""Schemathesis hooks for the cfc API contract test (tests/it/serve_contract.rs).

An evidence file sent as `application/toml` is text: it goes on the wire as the text it is,
as schemathesis sends `text/plain`.
"""

import schemathesis

schemathesis.serializer.alias("application/toml", "text/plain")
