"""Where progress is written: `plan/bao-cao/<plan year>/`, apart from the signed plan.

- `<YYYY-MM-DD>.yaml` or `<YYYY-MM-DD>-<words>.yaml`: a progress report of that date (task
  entries under `nhiem_vu`, indicator measurements under `chi_so`);
- `quy-<1..4>.yaml` and `nam.yaml`: the narrative of a quarter's or the year's report.

Kept free of the plan's imports: the plan loader uses it to say where progress goes now.
"""

from __future__ import annotations

import re

import yaml

from ..base.yamlsource import Reader

REPORTS_FOLDER = "plan/bao-cao"
ENTRY_FILE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:-[a-z0-9]+(?:-[a-z0-9]+)*)?\.yaml")
NARRATIVE_FILE = re.compile(r"quy-([1-4])\.yaml|nam\.yaml")
EXAMPLE_ENTRY = f"{REPORTS_FOLDER}/<năm kế hoạch>/<YYYY-MM-DD>.yaml"


def narrative_file(year: int, quarter: int | None) -> str:
    """Where staff write the narrative of a quarter's report (the year's when `quarter` is None)."""
    return f"{REPORTS_FOLDER}/{year}/" + (f"quy-{quarter}.yaml" if quarter else "nam.yaml")


def moved_progress(reader: Reader, node: yaml.Node, where: str, keys: tuple[str, ...], what: str) -> yaml.Node:
    """Refuse progress written into the signed plan, saying where it goes now; return the mapping
    without those keys, so that the rest of it is still checked."""
    if not isinstance(node, yaml.MappingNode):
        return node
    kept = []
    for key_node, value_node in node.value:
        if key_node.value in keys:
            reader.add(
                key_node,
                f'{where}: "{key_node.value}" không còn ghi trong kế hoạch đã ký: {what} được ghi trong báo cáo '
                f"tiến độ, tệp {EXAMPLE_ENTRY} (xem CONTRIBUTING.md, mục “Báo cáo tiến độ”); hãy chuyển nội dung "
                "sang đó và xóa dòng này",
            )
        else:
            kept.append((key_node, value_node))
    return yaml.MappingNode(node.tag, kept, node.start_mark, node.end_mark, node.flow_style)
