"""What a Python client does with a page: json.loads(body) on the bytes.
Prints the best time of ROUNDS rounds, in nanoseconds per decode.

python3 json_loads.py PAGE [ROUNDS]
"""
import json
import sys
import time

body = open(sys.argv[1], "rb").read()
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
start = time.perf_counter_ns()
json.loads(body)
# Enough decodes per round for about 50 ms.
decodes = max(1, 50_000_000 // max(1, time.perf_counter_ns() - start))
best = None
for _ in range(rounds):
    start = time.perf_counter_ns()
    for _ in range(decodes):
        value = json.loads(body)
    elapsed = (time.perf_counter_ns() - start) // decodes
    best = elapsed if best is None else min(best, elapsed)
print(best)
