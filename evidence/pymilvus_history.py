"""Trace AsyncMilvusClient across pymilvus releases, from their wheels, without importing them.

Stdlib only (Python 3.11).  For each release it downloads the wheel with

    python -m pip download --no-deps --only-binary :all: -d CACHE pymilvus==V

(one pip command per version: pip cannot resolve two versions of one package
in a single command), opens the wheel as a zip and parses the sources with
``ast``.  Nothing from the wheel is imported or executed.

Per version it records:
  * exports_async_client: ``pymilvus/__init__.py`` binds the name
    AsyncMilvusClient at module level (``from ... import AsyncMilvusClient``
    or an assignment); ``in_dunder_all`` says whether ``__all__`` lists it too;
  * defined_in: the file(s) in the wheel holding ``class AsyncMilvusClient``;
  * public_coroutines: sorted names of ``async def`` methods not starting with
    ``_``, resolved over the class and its base classes found in the wheel
    (first definition along the bases wins, as in an MRO; a sync override
    hides an async base method).  An ``async def`` whose body yields is an
    async generator, not a coroutine: it is listed in ``async_generators``
    instead (e.g. ``dump_messages`` in 2.6.x/3.0.x);
  * all_coroutines_count: every coroutine method resolved the same way,
    private/dunder helpers included (async generators excluded);
  * all_async_def_count: coroutines + async generators, i.e. every
    ``async def`` method;
  * own_* counts: the same, but only for methods written in the class body.

Output: JSON (sorted by version, no timestamps: rerunning gives the same
bytes) and a short table on stdout.

Usage (scripts/evidence runs the first; tests/facts/test_sdk_v2.py checks the page against
the JSON it writes):
  python -m evidence.pymilvus_history               # default version list
  python -m evidence.pymilvus_history --discover    # list versions from PyPI JSON
  python -m evidence.pymilvus_history --versions 2.5.0 2.5.1
"""
from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import re
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

CLASS = "AsyncMilvusClient"
PYPI_JSON = "https://pypi.org/pypi/pymilvus/json"

# Final (non-pre-release, non-yanked) releases selected from PyPI's JSON API:
# every 2.4.x from 2.4.0, every 2.5.x, the newest 2.6.x, every 3.0.x.
# `--discover` recomputes this selection from PyPI.
DEFAULT_VERSIONS = (
    [f"2.4.{i}" for i in range(0, 16)]
    + [f"2.5.{i}" for i in range(0, 19)]
    + ["2.6.17"]
    + [f"3.0.{i}" for i in range(0, 3)]
)

FINAL_RE = re.compile(r"^\d+(\.\d+)*$")


def vkey(v: str) -> tuple[int, ...]:
    return tuple(int(p) for p in v.split("."))


def discover_versions() -> list[str]:
    with urllib.request.urlopen(PYPI_JSON, timeout=60) as r:
        data = json.load(r)
    finals = []
    for v, files in data["releases"].items():
        if not FINAL_RE.match(v):
            continue  # skip pre-releases such as 2.6.0b0
        wheels = [f for f in files if f["packagetype"] == "bdist_wheel" and not f.get("yanked")]
        if wheels:
            finals.append(v)
    finals.sort(key=vkey)
    sel = [v for v in finals if vkey(v)[:2] in ((2, 4), (2, 5), (3, 0))]
    v26 = [v for v in finals if vkey(v)[:2] == (2, 6)]
    if v26:
        sel.append(v26[-1])
    return sorted(sel, key=vkey)


def download(version: str, cache: Path) -> Path:
    pattern = f"pymilvus-{version}-*.whl"
    found = sorted(cache.glob(pattern))
    if not found:
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
               "--disable-pip-version-check", "-q", "-d", str(cache), f"pymilvus=={version}"]
        subprocess.run(cmd, check=True)
        found = sorted(cache.glob(pattern))
    if len(found) != 1:
        raise RuntimeError(f"expected one wheel for {version} in {cache}, got {found}")
    return found[0]


def module_binds_name(tree: ast.Module, name: str) -> bool:
    """True if the module binds `name` at top level (also inside try/if)."""
    def walk(stmts):
        for s in stmts:
            if isinstance(s, (ast.ImportFrom, ast.Import)):
                for a in s.names:
                    if (a.asname or a.name.split(".")[-1]) == name:
                        return True
            elif isinstance(s, ast.Assign):
                if any(isinstance(t, ast.Name) and t.id == name for t in s.targets):
                    return True
            elif isinstance(s, ast.ClassDef) and s.name == name:
                return True
            elif isinstance(s, ast.Try):
                if walk(s.body) or walk(s.orelse) or walk(s.finalbody):
                    return True
                if any(walk(h.body) for h in s.handlers):
                    return True
            elif isinstance(s, ast.If):
                if walk(s.body) or walk(s.orelse):
                    return True
        return False
    return walk(tree.body)


def dunder_all(tree: ast.Module) -> list[str] | None:
    for s in tree.body:
        targets = []
        if isinstance(s, ast.Assign):
            targets, value = s.targets, s.value
        elif isinstance(s, ast.AnnAssign):
            targets, value = [s.target], s.value
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets):
            try:
                return list(ast.literal_eval(value))
            except ValueError:
                return None
    return None


def has_own_yield(fn: ast.AST) -> bool:
    """True if `fn` itself (not a nested def/lambda/class) contains yield.

    An `async def` with a yield is an async generator function, not a
    coroutine function (inspect.iscoroutinefunction() is False for it)."""
    stack = list(ast.iter_child_nodes(fn))
    while stack:
        n = stack.pop()
        if isinstance(n, (ast.Yield, ast.YieldFrom)):
            return True
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        stack.extend(ast.iter_child_nodes(n))
    return False


def inspect_wheel(path: Path) -> dict:
    with zipfile.ZipFile(path) as zf:
        sources = {n: zf.read(n).decode("utf-8") for n in zf.namelist()
                   if n.startswith("pymilvus/") and n.endswith(".py")}
    trees = {n: ast.parse(src, filename=n) for n, src in sources.items()}

    init = trees["pymilvus/__init__.py"]
    exports = module_binds_name(init, CLASS)
    all_list = dunder_all(init)

    # every top-level class in the package, by simple name
    classes: dict[str, list[tuple[str, ast.ClassDef]]] = {}
    for n in sorted(trees):
        for node in trees[n].body:
            if isinstance(node, ast.ClassDef):
                classes.setdefault(node.name, []).append((n, node))

    defs = classes.get(CLASS, [])
    rec = {
        "exports_async_client": exports,
        "in_dunder_all": bool(all_list and CLASS in all_list),
        "defined_in": [n for n, _ in defs],
    }
    if not defs:
        rec.update(public_coroutines=[], public_coroutines_count=0, all_coroutines_count=0,
                   async_generators=[], all_async_def_count=0,
                   own_public_coroutines_count=0, own_all_coroutines_count=0, bases=[],
                   inherited_coroutines=[])
        return rec
    if len(defs) > 1:
        raise RuntimeError(f"{path.name}: several classes named {CLASS}: {[n for n, _ in defs]}")
    fname, cls = defs[0]

    def methods(c: ast.ClassDef) -> dict[str, str]:
        """name -> 'coroutine' | 'asyncgen' | 'sync' (last definition wins)."""
        out = {}
        for node in c.body:
            if isinstance(node, ast.AsyncFunctionDef):
                out[node.name] = "asyncgen" if has_own_yield(node) else "coroutine"
            elif isinstance(node, ast.FunctionDef):
                out[node.name] = "sync"
        return out

    def base_names(c: ast.ClassDef) -> list[str]:
        out = []
        for b in c.bases:
            if isinstance(b, ast.Name):
                out.append(b.id)
            elif isinstance(b, ast.Attribute):
                out.append(b.attr)
        return out

    # simple depth-first linearisation of bases defined inside the wheel
    order, seen, stack = [], set(), [(fname, cls)]
    while stack:
        f, c = stack.pop(0)
        if c.name in seen:
            continue
        seen.add(c.name)
        order.append((f, c))
        for b in base_names(c):
            if b in classes and len(classes[b]) == 1:
                stack.append(classes[b][0])

    resolved: dict[str, tuple[str, str]] = {}
    for f, c in order:
        for m, kind in methods(c).items():
            resolved.setdefault(m, (kind, c.name))

    coros = sorted(m for m, (k, _) in resolved.items() if k == "coroutine")
    agens = sorted(m for m, (k, _) in resolved.items() if k == "asyncgen")
    public = [m for m in coros if not m.startswith("_")]
    own = methods(cls)
    own_coros = [m for m, k in own.items() if k == "coroutine"]
    rec.update(
        bases=base_names(cls),
        public_coroutines=public,
        public_coroutines_count=len(public),
        all_coroutines_count=len(coros),
        async_generators=agens,
        all_async_def_count=len(coros) + len(agens),
        own_public_coroutines_count=len([m for m in own_coros if not m.startswith("_")]),
        own_all_coroutines_count=len(own_coros),
        inherited_coroutines=sorted(m for m in coros if resolved[m][1] != CLASS),
    )
    return rec


def main(argv=None) -> int:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", default=str(here.parent / ".cache" / "wheels"),
                    help="wheel download directory")
    ap.add_argument("--out", default=str(here / "pymilvus_history.json"))
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--versions", nargs="+", help="explicit versions")
    g.add_argument("--discover", action="store_true", help="select versions from PyPI's JSON API")
    args = ap.parse_args(argv)

    if args.discover:
        versions = discover_versions()
        source = f"PyPI JSON API ({PYPI_JSON}): final 2.4.x, 2.5.x, newest 2.6.x, 3.0.x"
        if versions != sorted(DEFAULT_VERSIONS, key=vkey):
            print("note: discovered list differs from DEFAULT_VERSIONS", file=sys.stderr)
    elif args.versions:
        versions = sorted(set(args.versions), key=vkey)
        source = "command line"
    else:
        versions = sorted(DEFAULT_VERSIONS, key=vkey)
        source = "DEFAULT_VERSIONS in the script (from PyPI JSON API)"

    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    rows = []
    for v in versions:
        whl = download(v, cache)
        rec = {"version": v, "wheel": whl.name,
               "wheel_sha256": hashlib.sha256(whl.read_bytes()).hexdigest()}
        rec.update(inspect_wheel(whl))
        rows.append(rec)

    doc = {
        "generated_by": {
            "script": "evidence/pymilvus_history.py",
            "method": "pip download --no-deps --only-binary :all: (one version per command); "
                      "wheel read as zip, parsed with ast, never imported",
            "version_source": source,
            "coroutine_rule": "async def methods (without yield; async def with yield = "
                              "async generator, counted apart) resolved over AsyncMilvusClient "
                              "and its bases defined in the wheel; public = name not starting "
                              "with '_'",
        },
        "versions": rows,
    }
    text = json.dumps(doc, indent=2, sort_keys=True) + "\n"
    Path(args.out).write_text(text, encoding="utf-8")

    hdr = (f"{'version':<8} {'exports':<7} {'__all__':<7} {'public':>6} {'all':>4} "
           f"{'agen':>4}  defined_in")
    print(hdr)
    print("-" * len(hdr))
    for r in rows:
        print(f"{r['version']:<8} {str(r['exports_async_client']):<7} {str(r['in_dunder_all']):<7} "
              f"{r['public_coroutines_count']:>6} {r['all_coroutines_count']:>4} "
              f"{len(r['async_generators']):>4}  "
              f"{','.join(r['defined_in']) or '-'}")
    firsts = [r["version"] for r in rows if r["exports_async_client"]]
    print(f"first exporting version (version order): {firsts[0] if firsts else None}")
    f25 = [v for v in firsts if v.startswith("2.5.")]
    print(f"first exporting 2.5.x: {f25[0] if f25 else None}")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
