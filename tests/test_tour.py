"""examples/tour.py prints exactly what the same script prints under NumPy."""

import pathlib
import subprocess
import sys

TOUR = pathlib.Path(__file__).parent.parent / "examples" / "tour.py"


def run(source):
    return subprocess.run([sys.executable, "-c", source], capture_output=True, text=True, check=True).stdout


def test_tour_output_is_numpys():
    source = TOUR.read_text()
    assert "import numoxide as np" in source
    ours = run(source)
    theirs = run(source.replace("import numoxide as np", "import numpy as np"))
    assert ours == theirs
    assert "== Random numbers ==" in ours and "== Linear algebra ==" in ours
