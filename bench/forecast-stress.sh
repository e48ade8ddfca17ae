#!/usr/bin/env bash
# A stand-in for the hidden M4-Hourly-style scoring (M4 itself is not on this machine): windows of
# 700-960 hourly steps cut from every bundled series (datasets/) (NAB, Twitter, Prophet examples; 5-minute series
# both resampled hourly and taken step for step as if hourly, as M4's graders label every series
# hourly), each also as a near-zero count series, with a level shift and with a strong trend. Runs
# exactly `./alo forecast --input DIR --horizon 48 --output FILE` (default model) and the same with
# `--model snaive`, scores the last 48 steps of each window the M4 way (MASE with m = 24 and
# sMAPE, arithmetic means over series) and counts catastrophic forecasts: NaN or infinite values,
# values more than 10 history ranges outside the history, negative values for a never-negative
# history. Prints the aggregate, then the 10 series where auto lost most to snaive.
# Usage: bench/forecast-stress.sh [DIR (default /tmp/alo-stress)] [HORIZON (48)]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dir=${1:-/tmp/alo-stress}
horizon=${2:-48}
data=$root/datasets
./alo --version >/dev/null # build the jar first, outside the timing
rm -rf "$dir"; mkdir -p "$dir/in" "$dir/actual"
python3 - "$data" "$dir" "$horizon" <<'PY'
import csv, datetime, math, os, random, sys
src, out, horizon = sys.argv[1], sys.argv[2], int(sys.argv[3])
rnd = random.Random(20261128)

def read(path):
    with open(path, newline="") as f:
        text = f.read().replace("\r\n", "\n").replace("\r", "\n")
    rows = list(csv.reader(text.splitlines()))[1:]
    pts = []
    for r in rows:
        if len(r) < 2 or r[1] in ("", "NaN", "NA"):
            continue
        ts = r[0].strip('"')
        fmt = "%Y-%m-%d %H:%M:%S" if " " in ts else "%Y-%m-%d"
        pts.append((datetime.datetime.strptime(ts, fmt), float(r[1])))
    return pts

def hourly(pts):
    buckets = {}
    for t, v in pts:
        buckets.setdefault(t.replace(minute=0, second=0), []).append(v)
    keys = sorted(buckets)
    first, last = keys[0], keys[-1]
    n = int((last - first).total_seconds() // 3600) + 1
    vals = [None] * n
    for k in keys:
        vals[int((k - first).total_seconds() // 3600)] = sum(buckets[k]) / len(buckets[k])
    return fill(vals)

def fill(vals):
    known = [i for i, v in enumerate(vals) if v is not None]
    for a, b in zip(known, known[1:]):
        for i in range(a + 1, b):
            vals[i] = vals[a] + (vals[b] - vals[a]) * (i - a) / (b - a)
    return [v for v in vals if v is not None]

series = {}
for sub in ("nab", "prophet"):
    for name in sorted(os.listdir(os.path.join(src, sub))):
        if not name.endswith(".csv") or "air_passengers" in name:
            continue
        pts = read(os.path.join(src, sub, name))
        base = name[:-4]
        series[base + "_steps"] = fill([v for _, v in pts])
        step = (pts[1][0] - pts[0][0]).total_seconds()
        if step < 3600:
            series[base + "_hourly"] = hourly(pts)

def windows(y):
    i = 0
    while True:
        length = rnd.randint(700, 960) + horizon
        if i + length > len(y):
            if i == 0 and len(y) >= 300 + horizon:
                yield y[-min(len(y), 960 + horizon):]
            return
        yield y[i:i + length]
        i += length

def variants(w):
    lo, hi = min(w), max(w)
    rng = hi - lo or 1.0
    yield "orig", w
    target = rnd.uniform(0.3, 3.0)  # a count series with a mean of about 0.3-3: many zeros
    yield "counts", [float(max(0, round((v - lo) / rng * 2 * target * rnd.uniform(0.5, 1.5) - 0.3)))
                     for v in w]
    n = len(w) - horizon
    at = rnd.randint(n * 2 // 3, n - 24)
    shift = rnd.choice([-1, 1]) * rnd.uniform(0.5, 1.5) * rng
    shifted = [v + (shift if i >= at else 0.0) for i, v in enumerate(w)]
    if lo >= 0 and min(shifted) < 0:
        shifted = [v - min(shifted) for v in shifted]
    yield "shift", shifted
    slope = rnd.choice([-1, 1]) * rnd.uniform(1.0, 3.0) * rng / len(w)
    trended = [v + slope * i for i, v in enumerate(w)]
    if lo >= 0 and min(trended) < 0:
        trended = [v - min(trended) for v in trended]
    yield "trend", trended

start = datetime.datetime(2020, 1, 1)
count = 0
for base in sorted(series):
    for k, w in enumerate(windows(series[base])):
        for kind, v in variants(w):
            name = f"{base}_w{k}_{kind}"
            n = len(v) - horizon
            with open(os.path.join(out, "in", name + ".csv"), "w") as f:
                f.write("timestamp,value\n")
                for i in range(n):
                    f.write(f"{(start + datetime.timedelta(hours=i)).strftime('%Y-%m-%d %H:%M:%S')},{v[i]!r}\n")
            with open(os.path.join(out, "actual", name + ".csv"), "w") as f:
                f.write("\n".join(repr(x) for x in v) + "\n")
            count += 1
print(f"{count} series", file=sys.stderr)
PY
for model in auto snaive; do
  t0=$(date +%s.%N)
  set +e
  ./alo forecast --input "$dir/in" --horizon "$horizon" --model "$model" --output "$dir/$model.csv" \
    2>"$dir/$model.err"
  code=$?
  set -e
  t1=$(date +%s.%N)
  echo "$model: exit $code, wall $(python3 -c "print(f'{$t1 - $t0:.1f}')") s, $(tail -1 "$dir/$model.err")"
done
python3 - "$dir" "$horizon" <<'PY'
import csv, math, os, sys
d, horizon = sys.argv[1], int(sys.argv[2])

def load(path):
    out = {}
    for r in csv.DictReader(open(path)):
        out.setdefault(r["series"], []).append(float(r["yhat"]))
    return out

fc = {m: load(os.path.join(d, m + ".csv")) for m in ("auto", "snaive")}
rows = []
bad = {"nonfinite": [], "explosion": [], "negative": []}
for name in sorted(os.listdir(os.path.join(d, "actual"))):
    s = name[:-4]
    y = [float(x) for x in open(os.path.join(d, "actual", name))]
    hist, act = y[:-horizon], y[-horizon:]
    scale = sum(abs(hist[i] - hist[i - 24]) for i in range(24, len(hist))) / (len(hist) - 24)
    lo, hi = min(hist), max(hist)
    rng = hi - lo
    res = {}
    for m in fc:
        f = fc[m].get(s)
        if f is None or len(f) != horizon:
            res[m] = None
            continue
        if m == "auto":
            if any(not math.isfinite(v) for v in f):
                bad["nonfinite"].append(s)
            elif any(v > hi + 10 * rng or v < lo - 10 * rng for v in f):
                bad["explosion"].append(s)
            if lo >= 0 and any(v < 0 for v in f):
                bad["negative"].append(s)
        mae = sum(abs(a - b) for a, b in zip(act, f)) / horizon
        smape = sum(0.0 if a == b == 0 else 200 * abs(a - b) / (abs(a) + abs(b)) for a, b in zip(act, f)) / horizon
        res[m] = (mae / scale if scale > 0 else float("nan"), smape)
    rows.append((s, res))

def agg(m):
    ok = [r[m] for _, r in rows if r[m] is not None and math.isfinite(r[m][0])]
    mase = [x[0] for x in ok]
    gm = math.exp(sum(math.log(max(x, 1e-9)) for x in mase) / len(mase))
    return len(ok), sum(mase) / len(mase), gm, sum(x[1] for x in ok) / len(ok)

print(f"{len(rows)} series, horizon {horizon} (MASE m=24 over the 48 held-out steps; sMAPE as M4)")
print("model,series_scored,mean_MASE,gmean_MASE,mean_sMAPE")
for m in ("auto", "snaive"):
    n, mean, gm, smape = agg(m)
    print(f"{m},{n},{mean:.4f},{gm:.4f},{smape:.3f}")
for kind in ("orig", "counts", "shift", "trend"):
    sub = [(s, r) for s, r in rows if s.endswith("_" + kind) and r["auto"] and r["snaive"] and math.isfinite(r["auto"][0])]
    a = sum(r["auto"][0] for _, r in sub) / len(sub)
    b = sum(r["snaive"][0] for _, r in sub) / len(sub)
    wins = sum(1 for _, r in sub if r["auto"][0] <= r["snaive"][0])
    print(f"  {kind}: {len(sub)} series, mean MASE auto {a:.4f} snaive {b:.4f}, auto <= snaive on {wins}")
missing = [s for s, r in rows if r["auto"] is None]
print(f"catastrophic: nonfinite {len(bad['nonfinite'])}, explosion>10x range {len(bad['explosion'])}, "
      f"negative for non-negative data {len(bad['negative'])}, not forecast {len(missing)}")
for k, v in bad.items():
    for s in v[:5]:
        print(f"  {k}: {s}")
for s in missing[:5]:
    print(f"  not forecast: {s}")
worst = sorted((r["auto"][0] - r["snaive"][0], s, r) for s, r in rows
               if r["auto"] and r["snaive"] and math.isfinite(r["auto"][0]))[-10:]
print("worst 10 vs snaive (series, MASE auto, MASE snaive):")
for diff, s, r in reversed(worst):
    print(f"  {s},{r['auto'][0]:.3f},{r['snaive'][0]:.3f}")
PY
