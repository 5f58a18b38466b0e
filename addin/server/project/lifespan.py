"""Removes downloads nobody fetched, every five minutes (each lives an hour at most)."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from addin.server.press import downloads


async def purge_forever() -> None:
    while True:
        await asyncio.to_thread(downloads().purge)
        await asyncio.sleep(300)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    task = asyncio.create_task(purge_forever())
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
