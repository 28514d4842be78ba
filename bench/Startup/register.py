#!/usr/bin/env python3
"""Times registering N live GB300 racks (18 hosts of 4 GPUs each, as bench/LoadGen registers them) through a running
gateway: one POST /api/racks per rack, 8 at a time (--mode single), or all in one POST of a JSON array (--mode list).
Loopback only. Usage: bench/Startup/register.py http://127.0.0.1:5080 1850 --mode list"""
import argparse
import concurrent.futures
import json
import time
import urllib.error
import urllib.parse
import urllib.request

parser = argparse.ArgumentParser()
parser.add_argument("url")
parser.add_argument("racks", type=int)
parser.add_argument("--mode", choices=["single", "list"], default="single")
args = parser.parse_args()
if urllib.parse.urlparse(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
    raise SystemExit("refusing a non-loopback URL")


def get(path):
    with urllib.request.urlopen(args.url + path, timeout=60) as response:
        return json.load(response)


def post(body):
    request = urllib.request.Request(args.url + "/api/racks", data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


topology = get("/api/topology")
hall = next(h["id"] for h in topology["halls"] if h["cooling"] == "liquid")
nodes = topology["powerNodes"]
upstreams = {n.get("upstream") for n in nodes}
leaf = {side: next(n["id"] for n in nodes if n["side"] == side and n["id"] not in upstreams and n.get("upstream")) for side in "AB"}
racks = [{"id": f"reg-{i:05d}", "hall": hall, "rackType": "gb300-nvl72", "row": 1000 + i // 20, "position": i % 20 + 1,
          "powerA": leaf["A"], "powerB": leaf["B"],
          "source": {"kind": "live", "hosts": [{"hostname": f"reg-{i:05d}-n{h:02d}", "gpus": 4} for h in range(18)]}}
         for i in range(args.racks)]
started = time.monotonic()
if args.mode == "list":
    codes = [post(racks)]
else:
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(post, racks))
seconds = time.monotonic() - started
print(json.dumps({"mode": args.mode, "racks": args.racks, "seconds": round(seconds, 1), "statuses": sorted(set(codes)),
                  "racksInTopology": len(get("/api/topology")["racks"])}))
