"""The stance benchmark's cross-validation with another word-cluster table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_benchmark_cross_validates_with_another_cluster_table(
    shared_dir: Path, tmp_path: Path
) -> None:
    # A made-up table of three words at the shipped layout: the CV runs on it,
    # and the shipped model's figures (which need the shipped table) are skipped.
    table = tmp_path / "clusters.json"
    table.write_text(
        json.dumps(
            {
                "sizes": [2, 3],
                "words": ["president", "police", "party"],
                "clusters": [0, 1, 0, 2, 1, 0],
            }
        ),
        encoding="utf-8",
    )
    script = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_stance.py"
    done = subprocess.run(
        [
            sys.executable,
            str(script),
            "--limit",
            "30",
            "--folds",
            "2",
            "--shared",
            str(shared_dir),
            "--clusters",
            str(table),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    print(done.stdout)  # figures are shown, not asserted
    assert f"word clusters from {table}" in done.stdout
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(figures) == {"cv_f1_macro", "cv_accuracy"}
    assert 0.0 <= figures["cv_f1_macro"] <= 1.0
