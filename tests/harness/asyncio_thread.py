"""asyncio in a thread of its own.

On an xdist worker that runs browser tests, Playwright's sync API keeps an event loop
running in the main thread, where asyncio.run and run_until_complete refuse to start ("Cannot
run the event loop while another loop is running"). A test that starts a loop does it here.
"""
import asyncio
import threading


def in_own_thread(function):
    """function() in a new thread, which has no running loop; its error is raised here."""
    outcome = {}

    def target():
        try:
            outcome["value"] = function()
        except BaseException as error:  # re-raised in the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def run_async(coro):
    return in_own_thread(lambda: asyncio.run(coro))
