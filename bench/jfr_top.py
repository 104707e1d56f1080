#!/usr/bin/env python3
"""Summarises the CPU samples of a JFR recording: where the hub's threads spend their time.

  jfr_top.py RECORDING.jfr [THREAD_SUBSTRING]

Prints the share of samples per top frame (self time) and per "stage" (inclusive: a sample counts
for the first listed stage found anywhere in its stack)."""
import collections
import re
import subprocess
import sys

STAGES = [
    ("store: PostgreSQL JDBC (wait + protocol)", "org.postgresql."),
    ("store: EvaluationStore/QuarantineStore", "gov.js.evaluation.hub.store."),
    ("validate: JSON schema (networknt)", "com.networknt."),
    ("validate: domain rules", "gov.js.evaluation.hub.validate."),
    ("map: adapter mapping", "gov.js.evaluation.hub.adapter."),
    ("decode: readers", "gov.js.evaluation.hub.decode."),
    ("receipt/JSON (Jackson)", "tools.jackson."),
    ("Camel routing", "org.apache.camel."),
    ("HTTP server (Tomcat)", "org.apache.tomcat."),
    ("push: national drainer", "gov.js.evaluation.hub.national."),
]

path = sys.argv[1]
thread_filter = sys.argv[2] if len(sys.argv) > 2 else None
out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", path],
                     capture_output=True, text=True, check=True).stdout
samples = []
for block in out.split("jdk.ExecutionSample {")[1:]:
    thread = re.search(r'sampledThread = "([^"]*)"', block)
    if thread_filter and (not thread or thread_filter not in thread.group(1)):
        continue
    frames = re.findall(r"^\s+([\w$.<>]+)\(", block, re.M)
    if frames:
        samples.append(frames)
total = len(samples)
print(f"samples={total}")
if not total:
    sys.exit()
top = collections.Counter(f[0] for f in samples)
print("-- top frames (self)")
for frame, n in top.most_common(15):
    print(f"{100.0 * n / total:5.1f}%  {frame}")
print("-- stages (inclusive, first match from the list)")
stage_count = collections.Counter()
for frames in samples:
    joined = "\n".join(frames)
    for name, prefix in STAGES:
        if prefix in joined:
            stage_count[name] += 1
            break
    else:
        stage_count["other"] += 1
for name, n in stage_count.most_common():
    print(f"{100.0 * n / total:5.1f}%  {name}")
