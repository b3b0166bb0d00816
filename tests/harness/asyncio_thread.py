"""asyncio.run in a thread of its own.

On the xdist worker that runs the browser tests, Playwright's sync API keeps an event loop
running in the main thread, where asyncio.run refuses to start.
"""
import asyncio
import threading


def run_async(coro):
    outcome = {}

    def target():
        try:
            outcome["value"] = asyncio.run(coro)
        except BaseException as error:  # re-raised in the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")
