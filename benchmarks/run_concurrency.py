"""Run the concurrency benchmark on Milvus Lite and Milvus standalone; refresh the SDK v2 page.

The results go to benchmarks/results/*.json, then into the page's generated fragments.

    scripts/benchmark-concurrency [--engine lite|server|both] [benchmark options, e.g. --rows 100000]
"""
import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.harness.milvus_server import MilvusServer

RESULTS = Path("benchmarks/results")


def run(extra: list[str], *uri: str, out: Path):
    subprocess.run([sys.executable, "benchmarks/concurrency.py", *extra, *uri, "--json", str(out)],
                   check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("lite", "server", "both"), default="both")
    args, extra = parser.parse_known_args()
    if args.engine in ("lite", "both"):
        run(extra, out=RESULTS / "concurrency-milvus-lite.json")
    if args.engine in ("server", "both"):
        with MilvusServer(Path(tempfile.mkdtemp()) / "data", timeout=180) as server:
            run(extra, "--uri", server.uri, out=RESULTS / "concurrency-milvus-server.json")
    subprocess.run([sys.executable, "-m", "tools.generated"], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
