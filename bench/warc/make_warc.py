#!/usr/bin/env python3
"""Writes the WARC read by bench/warc/run: crawl-like response and request records, one gzip
member per record as crawlers write them, until the file holds at least --mb MB.

The responses are pages made from the sample corpus (input/*.txt wrapped in HTML, and
input/*.html as they are), each written many times under different URLs and record ids; like a
crawl, some are sent chunked, some gzip-encoded, and one in four responses is an image or a 404.
Records are framed here rather than by warcio's WARCWriter, which computes two SHA-1 digests a
record in Python and needs half an hour for 200 MB; the digests are optional in WARC, and both
readers the benchmark times read the file.
Usage: make_warc.py --input DIR --mb 200 --out FILE
"""
import argparse
import glob
import gzip
import html
import io
import os
import zlib

import uuid


def pages(folder):
    out = []
    for path in sorted(glob.glob(os.path.join(folder, "*.txt"))):
        with open(path, encoding="utf-8") as f:
            paragraphs = [p for p in f.read().split("\n\n") if p.strip()]
        body = "\n".join("<p>%s</p>" % html.escape(p) for p in paragraphs)
        title = html.escape(paragraphs[0][:80]) if paragraphs else "page"
        out.append(("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title></head>"
                    "<body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article>%s</article>"
                    "<footer>Contact us</footer></body></html>\n" % (title, body)).encode("utf-8"))
    for path in sorted(glob.glob(os.path.join(folder, "*.html"))):
        with open(path, "rb") as f:
            out.append(f.read())
    return out


def chunked(body, size=4096):
    parts = [b"%x\r\n%s\r\n" % (len(body[k:k + size]), body[k:k + size]) for k in range(0, len(body), size)]
    return b"".join(parts) + b"0\r\n\r\n"


def record(kind, url, block, content_type):
    """One WARC/1.1 record, compressed as its own gzip member."""
    head = ("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: 2025-03-04T10:00:00Z\r\n"
            "WARC-Target-URI: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n"
            % (kind, uuid.uuid4(), url, content_type, len(block))).encode("ascii")
    z = zlib.compressobj(6, zlib.DEFLATED, 31)
    return z.compress(head + block + b"\r\n\r\n") + z.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", required=True)
    ap.add_argument("--mb", type=float, default=200)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    docs = pages(args.input)
    image = b"\x89PNG\r\n\x1a\n" + os.urandom(6000)
    target = int(args.mb * 1e6)
    tmp = args.out + ".tmp"
    written = 0
    with open(tmp, "wb") as f:
        info = b"software: bench/warc/make_warc.py\r\nformat: WARC File Format 1.1\r\n"
        written += f.write(record("warcinfo", "", info, "application/warc-fields").replace(b"WARC-Target-URI: \r\n", b""))
        n = 0
        while written < target:
            url = "https://news%d.example/%d/story-%d.html" % (n % 97, n // 1000, n)
            kind = n % 8
            headers = [("Date", "Tue, 04 Mar 2025 10:00:00 GMT"), ("Server", "nginx")]
            if kind == 7:
                status, ctype, body = "200 OK", "image/png", image
            elif kind == 6:
                status, ctype, body = "404 Not Found", "text/html", b"<html><body>Not found</body></html>"
            else:
                status, ctype, body = "200 OK", "text/html; charset=utf-8", docs[n % len(docs)]
                if kind in (1, 4):
                    body = gzip.compress(body, compresslevel=6, mtime=0)
                    headers.append(("Content-Encoding", "gzip"))
                if kind == 2:
                    body = chunked(body)
                    headers.append(("Transfer-Encoding", "chunked"))
            headers.append(("Content-Type", ctype))
            if kind != 2:
                headers.append(("Content-Length", str(len(body))))
            http = ("HTTP/1.1 %s\r\n" % status + "".join("%s: %s\r\n" % kv for kv in headers) + "\r\n").encode("ascii") + body
            written += f.write(record("response", url, http, "application/http; msgtype=response"))
            host = url.split("/")[2]
            request = ("GET /%d HTTP/1.1\r\nHost: %s\r\nAccept-Encoding: gzip\r\n\r\n" % (n, host)).encode("ascii")
            written += f.write(record("request", url, request, "application/http; msgtype=request"))
            n += 1
    os.replace(tmp, args.out)


if __name__ == "__main__":
    main()
