"""The .pyi stubs list exactly what the built module has (tools/gen_stubs.py writes them)."""

import ast
import pathlib
import sys

import numoxide

sys.path.insert(0, str(pathlib.Path(__file__).parent.parent / "tools"))
import gen_stubs


def test_stubs_are_current():
    for path, module in gen_stubs.targets():
        assert path.read_text() == gen_stubs.render(module), f"run tools/gen_stubs.py ({path.name})"


def test_every_public_name_has_a_stub():
    stub = ast.parse((pathlib.Path(numoxide.__file__).parent / "__init__.pyi").read_text())
    declared = set()
    for node in stub.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            declared.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            declared.add(node.target.id)
        elif isinstance(node, ast.Assign):
            declared.update(t.id for t in node.targets)
        elif isinstance(node, ast.ImportFrom):
            declared.update(a.asname or a.name for a in node.names)
    public = {n for n in dir(numoxide) if not n.startswith("_")}
    assert public - declared == set()
    assert {"array", "ndarray", "sum", "add", "float64", "reshape"} <= declared
