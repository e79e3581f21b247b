"""Export the wire models' JSON Schema files into ``schemas/json/``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from schemas.models import WIRE_MODELS

JSON_DIR = Path(__file__).parent / "json"


def rendered_schemas() -> dict[str, str]:
    """File name -> JSON Schema text, for every wire model."""
    return {
        f"{name}.schema.json": json.dumps(
            model.model_json_schema(mode="serialization"), indent=2, sort_keys=True
        )
        + "\n"
        for name, model in WIRE_MODELS.items()
    }


def main() -> int:
    """Write the files; ``--check`` only reports stale ones (exit 1)."""
    check = "--check" in sys.argv[1:]
    stale = []
    for file_name, text in rendered_schemas().items():
        path = JSON_DIR / file_name
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(file_name)
        if not check:
            path.write_text(text, encoding="utf-8")
    if check and stale:
        print(f"stale JSON Schema files: {', '.join(stale)}; run `make schemas`", file=sys.stderr)
        return 1
    print(f"{'checked' if check else 'wrote'} {len(WIRE_MODELS)} schemas in {JSON_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
