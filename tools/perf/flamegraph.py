#!/usr/bin/env python3
"""Folds `perf script` output into stacks and renders a self-contained flame graph SVG.

Debian 12 packages no flame graph tool (no `flamegraph`/FlameGraph/inferno package), so this is
the small folding + rendering step of Brendan Gregg's FlameGraph in one file with no
dependencies: read perf script text on stdin, count identical stacks (root first, the process
name as the root frame), write an SVG whose boxes are as wide as the share of samples that passed
through that frame. Hover for name, samples and percent; click a box to zoom into it, click the
bottom bar (or press Escape) to reset.

Usage: perf script -i perf.data | flamegraph.py [--folded OUT.folded] [--title T] > graph.svg
       flamegraph.py --input stacks.folded > graph.svg      (render already folded stacks)
"""

import argparse
import collections
import hashlib
import html
import re
import sys

FRAME = re.compile(r"^\s+([0-9a-fA-F]+)\s+(.*)\s+\(([^()]*)\)\s*$")
HEADER = re.compile(r"^(\S.*?)\s+\d+(?:/\d+)?\s")
OFFSET = re.compile(r"\+0x[0-9a-fA-F]+$")

WIDTH = 1200
FRAME_HEIGHT = 16
PAD_TOP = 40
PAD_BOTTOM = 24
PAD_SIDE = 10
MIN_PIXELS = 0.1  # frames narrower than this are dropped from the SVG


def frame_name(symbol, dso):
    symbol = OFFSET.sub("", symbol)
    if symbol in ("[unknown]", ""):
        base = dso.rsplit("/", 1)[-1] or "?"
        return base if base.startswith("[") else f"[{base}]"
    return symbol


def fold_perf_script(lines):
    """perf script text -> Counter of 'root;...;leaf' stacks."""
    stacks = collections.Counter()
    comm, frames = None, []

    def flush():
        if comm is not None:
            stacks[";".join([comm] + frames[::-1])] += 1

    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            flush()
            comm, frames = None, []
            continue
        if line[0].isspace():
            match = FRAME.match(line)
            if match and comm is not None:
                frames.append(frame_name(match.group(2), match.group(3)).replace(";", ":"))
            continue
        flush()
        match = HEADER.match(line)
        comm, frames = (match.group(1) if match else line.split()[0]), []
    flush()
    return stacks


def read_folded(lines):
    stacks = collections.Counter()
    for line in lines:
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if stack and count.isdigit():
            stacks[stack] += int(count)
    return stacks


def build_tree(stacks):
    root = {"name": "all", "value": 0, "children": {}}
    for stack, count in stacks.items():
        root["value"] += count
        node = root
        for name in stack.split(";"):
            node = node["children"].setdefault(name, {"name": name, "value": 0, "children": {}})
            node["value"] += count
    return root


def color(name):
    """A stable warm colour per function name, as FlameGraph's default palette."""
    digest = hashlib.md5(name.encode("utf-8", "replace")).digest()
    r = 205 + digest[0] % 50
    g = digest[1] % 230
    b = digest[2] % 55
    return f"rgb({r},{g},{b})"


def render(root, title):
    total = max(root["value"], 1)
    scale = (WIDTH - 2 * PAD_SIDE) / total
    boxes = []
    max_depth = 0

    def walk(node, x, depth):
        nonlocal max_depth
        max_depth = max(max_depth, depth)
        boxes.append((node["name"], x, node["value"], depth))
        child_x = x
        for child in sorted(node["children"].values(), key=lambda c: c["name"]):
            if child["value"] * scale >= MIN_PIXELS:
                walk(child, child_x, depth + 1)
            child_x += child["value"]

    walk(root, 0, 0)
    height = PAD_TOP + (max_depth + 1) * FRAME_HEIGHT + PAD_BOTTOM
    out = [
        f'<?xml version="1.0" standalone="no"?>',
        f'<svg version="1.1" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" data-total="{total}">',
        "<style>text{font-family:monospace;font-size:11px;fill:#000;pointer-events:none}"
        "rect{stroke:#fff;stroke-width:0.5}g:hover rect{stroke:#000}"
        "#title{font-size:16px;text-anchor:middle}#details{font-size:12px}</style>",
        f'<rect width="100%" height="100%" fill="#f8f8f8"/>',
        f'<text id="title" x="{WIDTH / 2}" y="22">{html.escape(title)}</text>',
        f'<text id="details" x="{PAD_SIDE}" y="{height - 6}"> </text>',
    ]
    for name, x, value, depth in boxes:
        # Laid out here for viewers without scripts; the script redoes it when zooming.
        px, pw = PAD_SIDE + x * scale, value * scale
        fit = int((pw - 6) / 6.6)
        shown = "" if fit < 3 else name if len(name) <= fit else name[: fit - 2] + ".."
        pct = 100.0 * value / total
        y = height - PAD_BOTTOM - (depth + 1) * FRAME_HEIGHT
        out.append(
            f'<g class="f" data-x="{x}" data-w="{value}" data-d="{depth}">'
            f"<title>{html.escape(name)} ({value} samples, {pct:.2f}%)</title>"
            f'<rect x="{px:.2f}" y="{y}" width="{pw:.2f}" height="{FRAME_HEIGHT - 1}" rx="2" '
            f'fill="{"#bbb" if depth == 0 else color(name)}"/>'
            f'<text x="{px + 3:.2f}" y="{y + FRAME_HEIGHT - 4}">{html.escape(shown)}</text></g>'
        )
    out.append(SCRIPT.replace("@W@", str(WIDTH)).replace("@PAD@", str(PAD_SIDE)))
    out.append("</svg>")
    return "\n".join(out) + "\n"


# Lays the boxes out for a zoom range [zx, zx + zw) in sample units; click to zoom, Escape or a
# click on the root to reset.
SCRIPT = """<script><![CDATA[
(function () {
  var W = @W@, PAD = @PAD@, svg = document.documentElement;
  var total = +svg.getAttribute('data-total'), frames = [].slice.call(document.querySelectorAll('g.f'));
  var details = document.getElementById('details');
  function layout(zx, zw) {
    var scale = (W - 2 * PAD) / zw;
    frames.forEach(function (g) {
      var x = +g.getAttribute('data-x'), w = +g.getAttribute('data-w');
      var rect = g.querySelector('rect'), text = g.querySelector('text');
      var x0 = Math.max(x, zx), x1 = Math.min(x + w, zx + zw);
      if (x1 <= x0) { g.style.display = 'none'; return; }
      var px = PAD + (x0 - zx) * scale, pw = (x1 - x0) * scale;
      if (pw < 0.1) { g.style.display = 'none'; return; }
      g.style.display = '';
      rect.setAttribute('x', px); rect.setAttribute('width', pw);
      text.setAttribute('x', px + 3);
      var name = g.querySelector('title').textContent.replace(/ \\(\\d+ samples.*$/, '');
      var fit = Math.floor((pw - 6) / 6.6);
      text.textContent = fit < 3 ? '' : (name.length <= fit ? name : name.slice(0, fit - 2) + '..');
    });
  }
  frames.forEach(function (g) {
    g.addEventListener('click', function () {
      var d = +g.getAttribute('data-d');
      if (d === 0) { layout(0, total); return; }
      layout(+g.getAttribute('data-x'), +g.getAttribute('data-w'));
    });
    g.addEventListener('mouseover', function () { details.textContent = g.querySelector('title').textContent; });
  });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') layout(0, total); });
  layout(0, total);
})();
]]></script>"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--input", help="read folded stacks from this file instead of perf script on stdin")
    parser.add_argument("--folded", help="also write the folded stacks here")
    parser.add_argument("--title", default="Flame graph", help="the graph's title")
    args = parser.parse_args()
    if args.input:
        with open(args.input, encoding="utf-8", errors="replace") as f:
            stacks = read_folded(f)
    else:
        stacks = fold_perf_script(open(sys.stdin.fileno(), encoding="utf-8", errors="replace"))
    if not stacks:
        print("flamegraph.py: no samples in the input (is it `perf script` output?)", file=sys.stderr)
        return 1
    if args.folded:
        with open(args.folded, "w", encoding="utf-8") as f:
            for stack, count in sorted(stacks.items()):
                f.write(f"{stack} {count}\n")
    sys.stdout.write(render(build_tree(stacks), args.title))
    return 0


if __name__ == "__main__":
    sys.exit(main())
