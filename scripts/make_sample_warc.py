#!/usr/bin/env python3
"""Records the sample WARC input-web/crawl.warc.gz (pipeline/web.yaml reads it) the way a crawler does: serves the sample
corpus' pages (input/*.html as text/html, input/*.txt as text/plain, one of them also wrapped in
a page of its own, plus a 404 and an image) from a local http.server and records the exchanges
with warcio's capture_http (one gzip member per record, with the request records).

  bench/warc/run --setup-only          # makes bench/warc/.venv with warcio
  bench/warc/.venv/bin/python scripts/make_sample_warc.py
"""
import glob
import html
import http.client
import http.server
import os
import threading

from warcio.capture_http import capture_http  # must come before http.client is used
from warcio.warcwriter import WARCWriter

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PAGES = {}
for path in sorted(glob.glob(os.path.join(ROOT, "input", "*.html"))):
    PAGES["/news/" + os.path.basename(path)] = ("text/html; charset=utf-8", open(path, "rb").read())
for path in sorted(glob.glob(os.path.join(ROOT, "input", "*.txt"))):
    PAGES["/text/" + os.path.basename(path)] = ("text/plain; charset=utf-8", open(path, "rb").read())
story = open(os.path.join(ROOT, "input", "rfe-kazakh-activists.txt"), encoding="utf-8").read()
title, _, body = story.partition("\n")
paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>\n" for p in body.split("\n\n") if p.strip())
PAGES["/world/kazakh-activists.html"] = ("text/html; charset=utf-8", f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>
<body><nav><a href="/">Home</a> <a href="/world/">World</a></nav>
<article><h1>{html.escape(title)}</h1>
{paragraphs}</article>
<footer>© Sample News. All rights reserved.</footer></body></html>
""".encode())
PAGES["/logo.png"] = ("image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        page = PAGES.get(self.path)
        if page is None:
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            body = b"<html><body><h1>Not found</h1></body></html>"
        else:
            self.send_response(200)
            self.send_header("Content-Type", page[0])
            body = page[1]
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
port = server.server_address[1]
out = os.path.join(ROOT, "input-web", "crawl.warc.gz")
with open(out, "wb") as f:
    writer = WARCWriter(f, gzip=True)
    with capture_http(writer):
        for path in list(PAGES) + ["/missing.html"]:
            conn = http.client.HTTPConnection("127.0.0.1", port)
            conn.request("GET", path, headers={"Host": "news.example"})
            conn.getresponse().read()
            conn.close()
server.shutdown()
print(f"wrote {out}: {len(PAGES) + 1} exchanges")
