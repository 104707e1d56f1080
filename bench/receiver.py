#!/usr/bin/env python3
"""A local national receiver for the push benchmark: answers every batch {"success": true} and counts
the records it received (GET /count). Listens on 127.0.0.1 only."""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

received = 0
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

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

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
