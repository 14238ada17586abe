"""A fake national public service portal: a real HTTP server on 127.0.0.1 for tests, demo, bench.

It answers the packets of legal-spec §4.1 the way the portal does (``{"error_code", "message"}``),
checks every packet against ``national_portal.schemas`` and stores what it accepted. Elements
carry idempotency keys (header ``X-Motcua-Event-Keys``): an element seen before is acknowledged
again but not stored twice, and counted as a duplicate. Procedure records (§4.2) are served in
pages for the catalog sync.

Failures are injected on demand through the control endpoints (JSON bodies):

- ``POST /_control/faults`` ``{"mode": M, "count": n, "seconds": s, "accept": bool}`` with M one of
  ``timeout`` (reply after ``seconds``), ``http_500``, ``malformed`` (a reply that is not the
  reply's JSON), ``duplicate_ack`` (acknowledge as "đã tồn tại"), ``reject`` (error_code 1), for
  the next ``n`` packets (after ``after`` normal ones); ``accept`` says whether the packet is
  stored anyway (the hard case);
- ``POST /_control/outage`` ``{"seconds": N}``: drop every connection for N seconds;
- ``POST /_control/clock`` ``{"advance": N}``: move the portal's clock (simulated outages);
- ``POST /_control/reset``; ``GET /_control/state``; ``PUT /_control/procedures`` (a list).

Pure standard library and ``schemas``: no Django, no database.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from motcua.integration.national_portal import schemas as s

KEYS_HEADER = "X-Motcua-Event-Keys"
PAGE_SIZE = 50
FAULT_MODES = frozenset({"timeout", "http_500", "malformed", "duplicate_ack", "reject"})


@dataclass(slots=True)
class Fault:
    mode: str
    seconds: float = 0.0
    accept: bool = False


@dataclass(slots=True)
class PortalState:
    """What the portal holds; every access is under ``lock``."""

    dossiers: dict[str, dict[str, Any]] = field(default_factory=dict)
    snapshot_keys: dict[str, list[str]] = field(default_factory=dict)
    progress: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    accepted_keys: set[tuple[str, str]] = field(default_factory=set)
    procedures: list[dict[str, Any]] = field(default_factory=list)
    counters: dict[str, int] = field(
        default_factory=lambda: {
            "requests": 0,
            "accepted_elements": 0,
            "duplicate_elements": 0,
            "rejected_packets": 0,
            "faults_injected": 0,
            "dropped_connections": 0,
        }
    )
    faults: deque[Fault] = field(default_factory=deque)
    outage_until: float = 0.0
    clock_offset: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self) -> float:
        return time.monotonic() + self.clock_offset

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            return {
                "dossiers": dict(self.dossiers),
                "snapshot_keys": {k: list(v) for k, v in self.snapshot_keys.items()},
                "progress": {k: list(v) for k, v in self.progress.items()},
                "counters": dict(self.counters),
                "procedures": len(self.procedures),
                "in_outage": self.outage_until > self.now(),
            }


def _reply(code: str, message: str) -> dict[str, str]:
    return {"error_code": code, "message": message}


class PortalHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: clients reuse their connection
    # Headers and body leave in two writes: without TCP_NODELAY, Nagle's algorithm and the
    # client's delayed ACK hold every reply back 40 ms.
    disable_nagle_algorithm = True
    server: FakePortalServer

    def log_message(self, format: str, *args: Any) -> None:
        return

    # -- plumbing -----------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _json(self, status: int, content: Any) -> None:
        self._send(status, json.dumps(content, ensure_ascii=False).encode())

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _authorized(self) -> bool:
        expected = f"Bearer {self.server.api_key}"
        return self.headers.get("Authorization", "") == expected

    def _dropped(self) -> bool:
        state = self.server.state
        with state.lock:
            down = state.outage_until > state.now()
            if down:
                state.counters["dropped_connections"] += 1
        if down:
            self.close_connection = True
        return down

    # -- routes -------------------------------------------------------------------------------

    def do_GET(self) -> None:
        path = urlsplit(self.path)
        if path.path == "/_control/state":
            self._json(200, self.server.state.snapshot())
        elif path.path == "/procedures":
            if self._dropped():
                return
            if not self._authorized():
                self._json(401, _reply("401", "Unauthorized"))
                return
            self._procedures(parse_qs(path.query))
        else:
            self._json(404, _reply("404", "Not found"))

    def do_PUT(self) -> None:
        if urlsplit(self.path).path != "/_control/procedures":
            self._json(404, _reply("404", "Not found"))
            return
        records = json.loads(self._body() or b"[]")
        with self.server.state.lock:
            self.server.state.procedures = list(records)
        self._json(200, {"procedures": len(records)})

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        if path.startswith("/_control/"):
            self._control(path.removeprefix("/_control/"), json.loads(self._body() or b"{}"))
            return
        operations = {
            "/dossiers/create": "create",
            "/dossiers/update": "update",
            "/dossiers/progress": "progress",
        }
        if path not in operations:
            self._json(404, _reply("404", "Not found"))
            return
        body = self._body()
        if self._dropped():
            return
        if not self._authorized():
            self._json(401, _reply("401", "Unauthorized"))
            return
        self._packet(operations[path], body)

    # -- the portal ---------------------------------------------------------------------------

    def _procedures(self, query: dict[str, list[str]]) -> None:
        try:
            page = max(1, int(query.get("page", ["1"])[0]))
        except ValueError:
            self._json(400, _reply(s.INVALID_CODE, s.INVALID_MESSAGE))
            return
        with self.server.state.lock:
            records = self.server.state.procedures
            start = (page - 1) * PAGE_SIZE
            data = records[start : start + PAGE_SIZE]
            more = start + PAGE_SIZE < len(records)
        self._json(200, {"data": data, "next": page + 1 if more else None})

    def _packet(self, operation: str, body: bytes) -> None:
        state = self.server.state
        with state.lock:
            state.counters["requests"] += 1
            fault = state.faults.popleft() if state.faults else None
            if fault is not None and fault.mode == "none":
                fault = None
            if fault is not None:
                state.counters["faults_injected"] += 1
        try:
            packet = json.loads(body)
        except ValueError:
            packet = None
        errors = (
            s.progress_packet_errors(packet)
            if operation == "progress"
            else s.dossier_packet_errors(packet)
        )
        keys = [k for k in self.headers.get(KEYS_HEADER, "").split(",") if k]
        if not errors and len(keys) != len(packet):
            errors = [f"{KEYS_HEADER} must name one key per element"]
        if errors:
            with state.lock:
                state.counters["rejected_packets"] += 1
            self._json(400, _reply(s.INVALID_CODE, f"{s.INVALID_MESSAGE}: {'; '.join(errors[:5])}"))
            return
        if fault is not None and fault.mode == "reject":
            self._json(200, _reply(s.INVALID_CODE, f"{s.INVALID_MESSAGE}: injected"))
            return
        if fault is not None and fault.mode == "http_500" and not fault.accept:
            self._send(500, b"Internal Server Error", "text/plain")
            return
        if fault is not None and fault.mode == "timeout" and not fault.accept:
            time.sleep(fault.seconds)
            self._json(504, _reply("504", "Gateway timeout"))
            return
        reply = self._store(operation, packet, keys)
        if fault is None:
            self._json(200, reply)
        elif fault.mode == "timeout":
            time.sleep(fault.seconds)
            self._json(200, reply)
        elif fault.mode == "http_500":
            self._send(500, b"Internal Server Error", "text/plain")
        elif fault.mode == "malformed":
            self._send(200, b"<html>Service Unavailable</html>", "text/html")
        else:  # duplicate_ack
            self._json(200, _reply("-3", s.ALREADY_EXISTS_MESSAGE))

    def _store(
        self, operation: str, packet: list[dict[str, Any]], keys: list[str]
    ) -> dict[str, str]:
        state = self.server.state
        received_at = time.time()
        with state.lock:
            # Snapshots (create/update) and progress entries are two streams of keys.
            kind = "progress" if operation == "progress" else "dossier"
            fresh = [
                (k, e)
                for k, e in zip(keys, packet, strict=True)
                if (kind, k) not in state.accepted_keys
            ]
            duplicates = len(keys) - len(fresh)
            codes = [e["MaHoSo"] for _k, e in fresh]
            if operation == "create" and any(code in state.dossiers for code in codes):
                return _reply("-3", s.ALREADY_EXISTS_MESSAGE)
            if operation != "create" and any(code not in state.dossiers for code in codes):
                return _reply(s.NOT_FOUND_CODE, s.NOT_FOUND_MESSAGE)
            for key, element in fresh:
                code = element["MaHoSo"]
                if operation == "progress":
                    state.progress.setdefault(code, []).append(
                        {"key": key, "entry": element, "received_at": received_at}
                    )
                else:
                    state.dossiers[code] = element
                    state.snapshot_keys.setdefault(code, []).append(key)
                state.accepted_keys.add((kind, key))
            state.counters["accepted_elements"] += len(fresh)
            state.counters["duplicate_elements"] += duplicates
        return _reply(s.SUCCESS_CODE, s.SUCCESS_MESSAGE)

    # -- control ------------------------------------------------------------------------------

    def _control(self, action: str, payload: dict[str, Any]) -> None:
        state = self.server.state
        with state.lock:
            if action == "faults":
                mode = payload.get("mode")
                if mode not in FAULT_MODES:
                    self._json(400, {"error": f"mode must be one of {sorted(FAULT_MODES)}"})
                    return
                fault = Fault(
                    mode=mode,
                    seconds=float(payload.get("seconds", 0)),
                    accept=bool(payload.get("accept", mode in {"timeout", "malformed"})),
                )
                # "after": that many packets are answered normally first.
                state.faults.extend(Fault(mode="none") for _ in range(int(payload.get("after", 0))))
                state.faults.extend(fault for _ in range(int(payload.get("count", 1))))
            elif action == "outage":
                state.outage_until = state.now() + float(payload.get("seconds", 0))
            elif action == "clock":
                state.clock_offset += float(payload.get("advance", 0))
            elif action == "reset":
                procedures = state.procedures
                self.server.state = PortalState(procedures=procedures)
            else:
                self._json(404, {"error": "unknown control action"})
                return
        self._json(200, {"ok": True})


class FakePortalServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int = 0, *, api_key: str = "fake-portal-key") -> None:
        super().__init__(("127.0.0.1", port), PortalHandler)
        self.api_key = api_key
        self.state = PortalState()
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> FakePortalServer:
        """Serve in a background thread (tests, bench); ``stop`` ends it."""
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
