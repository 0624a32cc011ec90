"""The descriptor order of every descriptor frame, read from schemas/descriptor-order.json: the one
copy that the host, the browser and training/ share (column k of a frame is DESCRIPTOR_ORDER[k])."""
import json
from pathlib import Path

ORDER_FILE = Path(__file__).resolve().parents[2] / "schemas" / "descriptor-order.json"
DESCRIPTOR_ORDER = list(json.loads(ORDER_FILE.read_text(encoding="utf-8"))["order"])
DESCRIPTOR_COLUMN = {name: k for k, name in enumerate(DESCRIPTOR_ORDER)}
