"""JSON output: indented, UTF-8 as is (no ``\\u`` escapes), one trailing newline."""

from __future__ import annotations

import json
from typing import Any


def dumps(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
