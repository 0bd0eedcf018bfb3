"""What the explain tests share: release lines of each Jetson generation, a PC's kernel line, and `read_cause`,
the reading with the corpus's gate on it (nothing stated that the paste does not show)."""

from __future__ import annotations

from typing import List

from jetson_gpu_access.explain import Explanation, explain, render_markdown, render_text
from test_report_corpus import invented

JETSON_32 = "# R32 (release), REVISION: 7.4, GCID: 33514132, BOARD: t210ref, EABI: aarch64, DATE: Fri Jun  9 04:25:08 UTC 2023"
JETSON_35 = "# R35 (release), REVISION: 4.1, GCID: 33958178, BOARD: t186ref, EABI: aarch64, DATE: Tue Aug  1 19:57:35 UTC 2023"
JETSON_36 = "# R36 (release), REVISION: 4.3, GCID: 38968081, BOARD: generic, EABI: aarch64, DATE: Wed Jan  8 01:49:37 UTC 2025"
PC = "Linux ws 6.8.0-45-generic #45-Ubuntu SMP PREEMPT_DYNAMIC x86_64 GNU/Linux"


def ids(text: str) -> List[str]:
    """The families a paste's reading matched."""
    return [m.id for m in explain(text).matches]


def read_cause(text: str) -> Explanation:
    """The reading, with the corpus's gate on it: nothing stated that the paste does not show."""
    result = explain(text)
    assert invented({"text": text}, result) == [], (text, result.cause)
    assert render_text(result) and render_markdown(result)
    return result


TEGRA_TALK = ("jetpack", "nvmap", "nvhost")


def tegra_talk(result: Explanation) -> List[str]:
    """The words of a Jetson's GPU (JetPack, its Tegra nodes) that the reply, text or Markdown, says."""
    said = (render_text(result) + render_markdown(result)).lower()
    return [word for word in TEGRA_TALK if word in said]
