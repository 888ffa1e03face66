#!/usr/bin/env python3
"""Checks the chain's `system_properties` against the expected ones (scripts/e2e-dev.sh).

Usage: props.py PROPERTIES_JSON

Reads: PROPERTIES_JSON, the `system_properties` RPC result as a JSON string.

Writes nothing; exits 0 when the token symbol is DEX, its decimals 12 and the SS58 format 42,
and otherwise exits 1 with a `[e2e] FAIL: ...` line on stderr naming what differs.
"""

import json, sys
p = json.loads(sys.argv[1])
expected = {"tokenSymbol": "DEX", "tokenDecimals": 12, "ss58Format": 42}
bad = {k: (p.get(k), v) for k, v in expected.items() if p.get(k) != v}
if bad:
    sys.exit(f"[e2e] FAIL: system_properties differ (got, expected): {bad}")
