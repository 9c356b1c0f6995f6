"""Load test of the HTTP service on 127.0.0.1 only: throughput and p50/p99 latency.

Starts `rolematch serve` on a free loopback port (one worker process), then for text and PDF
uploads sends a bounded number of requests at 1, 8 and 32 concurrent clients. Target on a 2-core
machine: no errors, p99 under 250 ms for a text resume at 8 concurrent clients.

    python benchmarks/load.py [--requests 200]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
KEY = "load-test-key-0123456789"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _run(base: str, body: dict[str, object], total: int, concurrency: int) -> tuple[list[float], int]:
    latencies: list[float] = []
    errors = 0
    queue = iter(range(total))

    async def client_loop(client: httpx.AsyncClient) -> None:
        nonlocal errors
        for _ in queue:
            start = time.perf_counter()
            response = await client.post("/v1/match", params={"level": "mid", "as_of": "2026-11-21"}, **body)  # type: ignore[arg-type]
            latencies.append(time.perf_counter() - start)
            errors += response.status_code != 200

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, headers={"X-API-Key": KEY}, timeout=60, limits=limits) as client:
        await asyncio.gather(*(client_loop(client) for _ in range(concurrency)))
    return latencies, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per (payload, concurrency) pair")
    args = parser.parse_args()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "rolematch", "serve", "--port", str(port)],
        env={**os.environ, "ROLEMATCH_API_KEYS": KEY},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        payloads = {
            "text": {"json": {"text": (ROOT / "examples" / "mid-ml-engineer.md").read_text(encoding="utf-8")}},
            "pdf": {
                "files": {"file": ("cv.pdf", (ROOT / "examples" / "lead-ml-engineer-two-column.pdf").read_bytes())}
            },
        }
        verdict = None
        print(f"{'payload':8} {'clients':>7} {'req/s':>7} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}")
        for name, body in payloads.items():
            for concurrency in (1, 8, 32):
                started = time.perf_counter()
                latencies, errors = asyncio.run(_run(base, body, args.requests, concurrency))
                elapsed = time.perf_counter() - started
                ordered = sorted(latencies)
                p50 = statistics.median(ordered) * 1000
                p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] * 1000
                print(f"{name:8} {concurrency:7} {len(latencies) / elapsed:7.1f} {p50:8.1f} {p99:8.1f} {errors:6}")
                if name == "text" and concurrency == 8:
                    verdict = errors == 0 and p99 < 250
        print(f"target (text, 8 clients: no errors, p99 < 250 ms): {'PASS' if verdict else 'FAIL'}")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
