#!/usr/bin/env python3
"""Prints one chapter of several builds of a book as text, each output block as every build printed
it, for reading the prose against real output from more than one run.

    for i in 1 2 3; do swift run tutorial build --cache-dir /tmp/c$i --output /tmp/site$i; done
    python3 Scripts/review-outputs.py multithreading /tmp/site1 /tmp/site2 /tmp/site3
"""
import sys, html
from html.parser import HTMLParser

class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items = []      # ("text", str) or ("output", str)
        self.in_main = False; self.fig = 0; self.buf = []; self.pre = 0; self.skip = 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "main": self.in_main = True
        if not self.in_main: return
        if tag in ("script", "style", "svg"): self.skip += 1
        if tag == "figure" and "output-block" in (a.get("class") or ""):
            self.flush(); self.fig += 1; return
        if self.fig and tag == "figure": self.fig += 1
        if tag in ("p", "li", "h1", "h2", "h3", "pre", "tr", "br", "figcaption", "summary"): self.buf.append("\n")
        if tag == "li": self.buf.append("- ")
        if tag in ("h1", "h2", "h3"): self.buf.append("#" * int(tag[1]) + " ")
        if tag == "td" or tag == "th": self.buf.append(" | ")
    def handle_endtag(self, tag):
        if tag == "main": self.flush(); self.in_main = False
        if not self.in_main: return
        if tag in ("script", "style", "svg"): self.skip -= 1
        if tag == "figure" and self.fig:
            self.fig -= 1
            if self.fig == 0:
                self.items.append(("output", "".join(self.buf).strip("\n"))); self.buf = []
    def handle_data(self, data):
        if self.in_main and not self.skip: self.buf.append(data)
    def flush(self):
        t = "".join(self.buf)
        if t.strip(): self.items.append(("text", t))
        self.buf = []

slug, sites = sys.argv[1], sys.argv[2:]
pages = []
for s in sites:
    p = Page(); p.feed(open(f"{s}/{slug}.html").read()); pages.append(p.items)
outs = [[t for k, t in items if k == "output"] for items in pages]
n = 0
for kind, text in pages[0]:
    if kind == "text":
        sys.stdout.write(text)
    else:
        print(f"\n======== OUTPUT {n+1} ========")
        for b, o in enumerate(outs):
            print(f"--- build {b+1} ---")
            print(o[n] if n < len(o) else "(missing)")
        print("======== END OUTPUT ========")
        n += 1
print()
