"""Runs a page's steps like a reader's session: one namespace, one event loop, page order."""
import ast
import asyncio
import contextlib
import io
import os
import threading
import traceback
import warnings
from concurrent import futures
from dataclasses import dataclass
from pathlib import Path

from tools import pages
from tools.markdown import Step
from tests.harness.engines import LITE_VERSION, Engine
from tools.snippets import section

STEP_TIMEOUT = float(os.environ.get("DOCS_STEP_TIMEOUT", "120"))


class StepFailed(Exception):
    pass


class StepNotRun(Exception):
    """A step after one that this engine refused as the page says it does (too old a server)."""


@dataclass(frozen=True)
class Result:
    printed: str
    warned: str     # one "Category: message" line per distinct warning, as a reader sees them
    refused: str = ""   # the error of a step this engine is too old for, as the page declares


# The warning filters of a plain `python` run (a reader's script or kernel), not pytest's
READER_FILTERS = [("default", DeprecationWarning, "__main__"), ("ignore", DeprecationWarning, ""),
                  ("ignore", PendingDeprecationWarning, ""), ("ignore", ImportWarning, ""),
                  ("ignore", ResourceWarning, "")]


def compile_step(step: Step):
    """Compile a section so that tracebacks point at the snippet file's own lines."""
    sec = section(step.path, step.name)
    tree = ast.parse(sec.code, filename=step.path)
    ast.increment_lineno(tree, sec.first_line - 1)
    return compile(tree, step.path, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)


class ArticleRun:
    """The state a reader builds up while going through one page, against one backend."""

    def __init__(self, page: str, env: dict, workdir: Path, engine: Engine | None = None):
        self.page, self.env, self.workdir = page, env, workdir
        self.engine = engine or Engine("lite", LITE_VERSION)
        self.stopped: str | None = None   # why the later steps cannot run on this engine
        self.namespace = {"__name__": "__main__"}
        self.broken_at: str | None = None
        self.order = [s.name for s in pages.read(page).steps]
        self.done = 0
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, step: Step, timeout: float = STEP_TIMEOUT) -> Result:
        """Run one step: what it printed and warned; StepFailed names page, section and step."""
        where = f"{step.where} ({section(step.path, step.name).where})"
        if self.stopped:
            raise StepNotRun(f"{where}: not run on {self.engine.label}: {self.stopped}")
        if self.broken_at:
            raise StepFailed(f"{where}: not run, step '{self.broken_at}' failed before it")
        if self.order[self.done] != step.name:
            raise StepFailed(f"{where}: run out of page order, step '{self.order[self.done]}' "
                             "must run first (are a page's steps split across xdist workers?)")
        self.done += 1
        needed = section(step.path, step.name).needs_milvus
        if needed and self.engine.older_than(needed):
            return self._refused(step, needed, where, timeout)
        return self._run(step, where, timeout)

    def _refused(self, step: Step, needed: str, where: str, timeout: float) -> Result:
        """Run a step the page says needs a newer Milvus: this engine must refuse it."""
        try:
            self._run(step, where, timeout)
        except StepFailed as failed:
            if ": raised " not in str(failed):
                raise
            error = str(failed).split(": raised ", 1)[1].splitlines()[0]
            self.broken_at = None
            self.stopped = (f"the page needs Milvus {needed} from step '{step.name}' on, and "
                            f"{self.engine.label} refused that step with {error}")
            return Result("", "", refused=error)
        raise StepFailed(f"{where}: it says '# Needs Milvus {needed} or later', but "
                         f"{self.engine.label} ran it: update the snippet and the page")

    def _run(self, step: Step, where: str, timeout: float) -> Result:
        future = asyncio.run_coroutine_threadsafe(self._execute(compile_step(step)), self.loop)
        try:
            return future.result(timeout)
        except futures.TimeoutError:   # the builtin TimeoutError from 3.11 on, not on 3.10
            future.cancel()  # a coroutine that awaits stops here; blocking code cannot be stopped
            self.broken_at = step.name
            raise StepFailed(f"{where}: timed out after {timeout:g} s") from None
        except Exception as error:
            self.broken_at = step.name
            details = "".join(traceback.format_exception(error))
            raise StepFailed(f"{where}: raised {describe(error)}\n{details}") from None

    async def _execute(self, code) -> Result:
        printed = io.StringIO()
        with _environment(self.env), _chdir(self.workdir), \
                contextlib.redirect_stdout(printed), warnings.catch_warnings(record=True) as caught:
            warnings.resetwarnings()
            for action, category, module in reversed(READER_FILTERS):
                warnings.filterwarnings(action, category=category, module=module)
            result = eval(code, self.namespace)
            if asyncio.iscoroutine(result):
                await result
        lines = dict.fromkeys(f"{w.category.__name__}: {w.message}\n" for w in caught)
        return Result(printed.getvalue(), "".join(lines))

    def close(self):
        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(_cancel_pending(), self.loop).result(5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


async def _cancel_pending():
    tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


@contextlib.contextmanager
def _chdir(path: Path):
    """contextlib.chdir, which Python 3.10 lacks (tests/matrix/run.py runs the steps there too)."""
    saved = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(saved)


@contextlib.contextmanager
def _environment(values: dict):
    saved = {key: os.environ.get(key) for key in values}
    _apply(values)
    try:
        yield
    finally:
        _apply(saved)


def _apply(values: dict):
    for key, value in values.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def describe(error: BaseException) -> str:
    """One line naming the error and its message (a MilvusException's repr has neither)."""
    text = str(error).splitlines()[0] if str(error) else ""
    name = type(error).__name__
    return text if text.startswith(f"<{name}") else f"{name}: {text}" if text else name
