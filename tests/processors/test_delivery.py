"""A result the broker did not take ends the worker before Faust can commit past its article."""

from __future__ import annotations

import asyncio

from newswire.processors.agents import exit_if_undelivered


class Exit(Exception):
    pass


def record_exit(codes: list[int]):
    def exit(code: int) -> None:
        codes.append(code)
        raise Exit(code)
    return exit


def test_a_delivered_or_cancelled_result_lets_the_worker_go_on():
    async def main() -> list[int]:
        codes: list[int] = []
        loop = asyncio.get_running_loop()
        ok, cancelled = loop.create_future(), loop.create_future()
        ok.set_result("metadata")
        cancelled.cancel()
        for future in (ok, cancelled):
            exit_if_undelivered(future, exit=record_exit(codes))
        return codes

    assert asyncio.run(main()) == []


def test_a_failed_delivery_exits_before_a_flush_waiting_on_it_returns():
    async def main() -> list[str]:
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(lambda loop, context: None)  # the Exit raised inside the callback
        steps: list[str] = []
        codes: list[int] = []
        batch = loop.create_future()

        def callback(future):
            try:
                exit_if_undelivered(future, exit=record_exit(codes))
            except Exit:
                steps.append("exit")

        batch.add_done_callback(callback)  # at send time

        async def flush_then_commit():
            await asyncio.wait([batch])  # what aiokafka's flush does
            steps.append("commit")

        committer = asyncio.create_task(flush_then_commit())
        await asyncio.sleep(0)
        batch.set_exception(ConnectionError("broker gone"))
        await committer
        assert codes == [4]
        return steps

    assert asyncio.run(main()) == ["exit", "commit"]
