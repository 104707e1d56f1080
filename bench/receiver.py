#!/usr/bin/env python3
"""A local receiver for the push and dispatch benchmarks: answers every POST {"success": true, "code": "0"} (a
national batch, a 12345 work order) and counts the records of the batches it received (GET /count). Listens on
127.0.0.1 only."""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

received = 0
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # the answer goes out in one segment: unbuffered header writes with Nagle on wait for the client's delayed ACK
    # (~40 ms a request), which would measure this receiver, not the hub
    disable_nagle_algorithm = True
    wbufsize = 65536

    def do_POST(self):
        global received
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            n = len(json.loads(body).get("data", []))
        except Exception:
            n = 0
        with lock:
            received += n
        self._answer(b'{"success":true,"code":"0","message":"ok"}')

    def do_GET(self):
        self._answer(json.dumps({"received": received}).encode())

    def _answer(self, data):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
