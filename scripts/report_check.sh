#!/usr/bin/env bash
# make report-check: render the demo's journey report in a real browser (headless Chromium) and fail on a
# blank or broken page.
#
#   scripts/report_check.sh [painmap-binary]
#
# 1. builds the demo database out/demo.sqlite from the bundled sample exports if it is missing;
# 2. writes out/report.html (and out/report.md) with `painmap report`;
# 3. screenshots the page with `chromium --headless` into out/report.png (1400 x 2400);
# 4. fails if the PNG is missing or tiny, if it is almost one colour, or if the journey map's orange and blue
#    cells are not on it (the page would then be blank, unstyled or missing its SVG).
#
# UPDATE_DOCS=1 also copies the screenshot to docs/report.png, the picture in the README.
# Chromium comes from Debian's `chromium` package; it is installed with apt-get when missing (as root or
# through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

PAINMAP=${1:-${PAINMAP:-.build/release/painmap}}
OUT=${OUT:-out}
DB=${DB:-$OUT/demo.sqlite}
WIDTH=1400
HEIGHT=2400

fail() { echo "report-check: FAIL: $*" >&2; exit 1; }

[ -x "$PAINMAP" ] || fail "no painmap binary at $PAINMAP (run make build, or give the binary's path)"
mkdir -p "$OUT"

if [ ! -s "$DB" ]; then
    echo "== building the demo database $DB from corpora/samples =="
    status=0
    "$PAINMAP" ingest corpora/samples/tickets.csv corpora/samples/reviews.jsonl corpora/samples/social.csv --db "$DB" --quiet || status=$?
    # 3: some rows rejected, the rest stored; still a usable demo.
    [ "$status" -eq 0 ] || [ "$status" -eq 3 ] || fail "painmap ingest exited with $status"
fi

echo "== painmap report =="
"$PAINMAP" report --db "$DB" --html "$OUT/report.html"
"$PAINMAP" report --db "$DB" --format md > "$OUT/report.md"
[ -s "$OUT/report.html" ] || fail "$OUT/report.html is empty"
if grep -qiE '<script|src="https?:|href="https?:|url\(https?:|@import' "$OUT/report.html"; then
    fail "$OUT/report.html loads or runs something: it must be self-contained"
fi

browser=""
for b in chromium chromium-browser google-chrome; do
    if command -v "$b" > /dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ]; then
    echo "== installing chromium (Debian package) =="
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get install -y chromium > /dev/null 2>&1 || { $SUDO apt-get update > /dev/null && $SUDO apt-get install -y chromium > /dev/null; } \
        || fail "could not install chromium with apt-get"
    browser=chromium
fi

echo "== rendering with $browser =="
outdir=$(cd "$OUT" && pwd)
png="$outdir/report.png"
rm -f "$png"
# Chromium's own complaints (no D-Bus, no GPU in a container) are noise; its exit status and the PNG decide.
timeout 180 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions \
    --screenshot="$png" --window-size=$WIDTH,$HEIGHT "file://$outdir/report.html" > "$OUT/chromium.log" 2>&1 \
    || { tail -5 "$OUT/chromium.log" >&2; fail "chromium failed (log: $OUT/chromium.log)"; }
[ -f "$png" ] || fail "chromium wrote no screenshot (log: $OUT/chromium.log)"

python3 - "$png" "$WIDTH" "$HEIGHT" <<'PY'
"""Reads the PNG with zlib alone and checks that it shows a rendered report."""
import struct, sys, zlib

path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def fail(msg):
    print("report-check: FAIL: " + msg, file=sys.stderr)
    sys.exit(1)

data = open(path, "rb").read()
if len(data) < 20_000:
    fail(f"{path} is only {len(data)} bytes: a blank or failed page")
if data[:8] != b"\x89PNG\r\n\x1a\n":
    fail(f"{path} is not a PNG")
pos, idat, header = 8, [], None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    pos += 12 + n
    if kind == b"IHDR":
        header = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat.append(body)
    elif kind == b"IEND":
        break
if header is None:
    fail("no PNG header")
w, h, depth, ctype, _, _, interlace = header
if (w, h) != (want_w, want_h):
    fail(f"screenshot is {w}x{h}, expected {want_w}x{want_h}")
if depth != 8 or interlace != 0 or ctype not in (2, 6):
    fail(f"unexpected PNG format (depth {depth}, colour type {ctype}, interlace {interlace})")
bpp = 3 if ctype == 2 else 4
raw = zlib.decompress(b"".join(idat))
stride = w * bpp
prev = bytearray(stride)
counts = {}
orange = blue = ink = 0
i = 0
for y in range(h):
    f = raw[i]
    line = bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    if f == 1:
        for x in range(bpp, stride):
            line[x] = (line[x] + line[x - bpp]) & 255
    elif f == 2:
        line = bytearray((a + b) & 255 for a, b in zip(line, prev))
    elif f == 3:
        for x in range(stride):
            left = line[x - bpp] if x >= bpp else 0
            line[x] = (line[x] + ((left + prev[x]) >> 1)) & 255
    elif f == 4:
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    if y % 2:
        continue
    for x in range(0, stride, bpp * 2):   # every other pixel of every other row
        r, g, b = line[x], line[x + 1], line[x + 2]
        key = (r >> 3, g >> 3, b >> 3)
        counts[key] = counts.get(key, 0) + 1
        if r > 150 and b < 110 and r - b > 90 and g < r:
            orange += 1                    # the map's negative cells
        elif b > 150 and r < 150 and b - r > 40:
            blue += 1                      # the map's positive cells
        elif r < 60 and g < 60 and b < 60:
            ink += 1                       # text
samples = sum(counts.values())
top = max(counts.values())
if top / samples > 0.97:
    fail(f"the page is almost one colour ({100 * top / samples:.1f}% of the pixels)")
if len(counts) < 40:
    fail(f"only {len(counts)} distinct colours: nothing much was drawn")
if ink / samples < 0.003:
    fail("almost no dark text on the page")
if orange / samples < 0.005 or blue / samples < 0.0005:
    fail(f"the journey map's colours are missing (orange {100 * orange / samples:.2f}%, blue {100 * blue / samples:.2f}%)")
print(f"report-check: ok: {w}x{h}, {len(counts)} colours, most common {100 * top / samples:.1f}%, "
      f"text {100 * ink / samples:.1f}%, orange {100 * orange / samples:.1f}%, blue {100 * blue / samples:.1f}%")
PY

if [ "${UPDATE_DOCS:-0}" = 1 ]; then
    mkdir -p docs
    cp "$png" docs/report.png
    echo "report-check: copied the screenshot to docs/report.png"
fi
echo "report-check: $OUT/report.html, $OUT/report.md, $OUT/report.png"
