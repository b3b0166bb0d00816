"""A loop started through in_own_thread runs even where another loop is running (Playwright's)."""
import asyncio
import concurrent.futures

import pytest

from tests.harness.asyncio_thread import in_own_thread


def _run_a_loop():
    loop, work = asyncio.new_event_loop(), asyncio.sleep(0, "ran")
    try:
        return loop.run_until_complete(work)
    finally:
        work.close()     # a refused loop never started it
        loop.close()


async def _where_a_loop_is_running():
    with pytest.raises(RuntimeError, match="another loop is running"):
        _run_a_loop()
    return in_own_thread(_run_a_loop)


def test_a_loop_runs_in_its_own_thread_where_another_is_running():
    # a thread of its own here too, so that this test runs on the browser tests' worker as well
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        assert pool.submit(asyncio.run, _where_a_loop_is_running()).result() == "ran"
