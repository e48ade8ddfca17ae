#!/usr/bin/env python3
"""Hourly backtest protocol v1 (bench/FORECAST-PROTOCOL.md), driven from outside the project.
usage: protocol_check.py WORKDIR FORECAST_CMD FILE.csv...
e.g.:  python3 bench/protocol_check.py /tmp/pc "./alo forecast --input {input} --horizon {horizon} --output {output}" datasets/nab/*.csv
FORECAST_CMD is a shell command with {input} {horizon} {output} placeholders; it must write
series,timestamp,yhat,lower,upper. Prints mean sMAPE, MASE, coverage80 over series; writes rows.csv in WORKDIR."""
import bisect, csv, sys, os, subprocess, datetime as dt, time
H, ORIGINS, M = 24, 3, 24
work, cmd, files = sys.argv[1], sys.argv[2], sys.argv[3:]
os.makedirs(work, exist_ok=True)

def hourly(path):
    buckets = {}
    for r in csv.reader(open(path)):
        try:
            t = dt.datetime.strptime(r[0][:19], "%Y-%m-%d %H:%M:%S"); v = float(r[1])
        except (ValueError, IndexError):
            continue
        buckets.setdefault(t.replace(minute=0, second=0), []).append(v)
    known = {h: sum(v) / len(v) for h, v in buckets.items()}
    keys = sorted(known); out = []; cur = keys[0]
    while cur <= keys[-1]:
        if cur in known:
            out.append((cur, known[cur]))
        else:
            i = bisect.bisect_left(keys, cur); a, b = keys[i - 1], keys[i]
            w = (cur - a).total_seconds() / (b - a).total_seconds()
            out.append((cur, known[a] + w * (known[b] - known[a])))
        cur += dt.timedelta(hours=1)
    return out

series = {os.path.basename(f)[:-4]: hourly(f) for f in files}
rows = []
for k in range(ORIGINS, 0, -1):
    d = os.path.join(work, f"origin{k}"); os.makedirs(d, exist_ok=True)
    for name, s in series.items():
        with open(os.path.join(d, name + ".csv"), "w", newline="") as f:
            w = csv.writer(f); w.writerow(["timestamp", "value"])
            for t, v in s[: len(s) - H * k]:
                w.writerow([t.strftime("%Y-%m-%d %H:%M:%S"), repr(v)])
    out = os.path.join(work, f"fc{k}.csv")
    t0 = time.time()
    rc = subprocess.call(cmd.format(input=d, horizon=H, output=out), shell=True)
    wall = time.time() - t0
    if rc != 0 or not os.path.exists(out):
        print(f"forecast command failed for origin {k} (exit {rc})"); sys.exit(1)
    fc = {}
    rd = csv.DictReader(open(out))
    for r in rd:
        fc.setdefault(r["series"], {})[r["timestamp"].replace("T", " ")[:19]] = (float(r["yhat"]), float(r["lower"]), float(r["upper"]))
    for name, s in series.items():
        cut = len(s) - H * k
        train = [v for _, v in s[:cut]]; test = s[cut:cut + H]
        f = fc.get(name, {})
        if any(t.strftime("%Y-%m-%d %H:%M:%S") not in f for t, _ in test):
            print(f"missing forecast for {name} origin {k}"); sys.exit(1)
        a = [v for _, v in test]; p = [f[t.strftime("%Y-%m-%d %H:%M:%S")] for t, _ in test]
        scale = sum(abs(train[i] - train[i - M]) for i in range(M, len(train))) / (len(train) - M)
        rows.append(dict(series=name, origin=k, wall=wall,
            smape=sum(200 * abs(x - y[0]) / max(abs(x) + abs(y[0]), 1e-9) for x, y in zip(a, p)) / H,
            mase=sum(abs(x - y[0]) for x, y in zip(a, p)) / H / max(scale, 1e-9),
            coverage80=sum(1 for x, y in zip(a, p) if y[1] <= x <= y[2]) / H))
with open(os.path.join(work, "rows.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0])); w.writeheader(); w.writerows(rows)
def agg(key):
    per = {}
    for r in rows: per.setdefault(r["series"], []).append(r[key])
    return sum(sum(v) / len(v) for v in per.values()) / len(per)
import math
per = {}
for r in rows: per.setdefault(r["series"], []).append(r["mase"])
gm = math.exp(sum(math.log(max(sum(v) / len(v), 1e-9)) for v in per.values()) / len(per))
print(f"series={len(series)} smape={agg('smape'):.2f} mase={agg('mase'):.3f} gmMASE={gm:.3f} coverage80={agg('coverage80'):.2f}")
