#!/usr/bin/env python3
"""Makes the WARC test files the way a crawler does, and what warcio reads back from them.

Serves the pages below from a local http.server, records the exchanges with warcio's
capture_http (one gzip member per record), adds a warcinfo, a metadata, a revisit and a
resource record, and writes, into the folder given (default: this script's folder):

  crawl.warc.gz            one gzip member per record, as crawlers write
  crawl.warc               the same records, uncompressed
  crawl-onestream.warc.gz  the same records in one gzip stream
  crawl.warc.wet           conversion records (text extracts), as Common Crawl's WET files
  truncated.warc.gz        crawl.warc.gz cut in the middle of a record's gzip member
  broken-member.warc.gz    crawl.warc.gz with one member's compressed bytes damaged
  bad-length.warc          crawl.warc with one record's Content-Length too short
  expected.json            per file, what warcio reads: each record's type, id, url, date, HTTP
                           status and content type, and the payload decoded to text

The files are committed (they are small); run this again only to change them:
  bench/warc/run --setup-only   (makes bench/warc/.venv with warcio)
  bench/warc/.venv/bin/python Tests/TextMillTests/Fixtures/warc/make_warc.py
"""
import gzip
import http.client
import http.server
import io
import json
import os
import re
import struct
import sys
import threading
import zlib

from warcio.archiveiterator import ArchiveIterator
from warcio.capture_http import capture_http
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>River towns count the cost of the spring floods</title></head>
<body><article><h1>River towns count the cost of the spring floods</h1>
<p>Residents of the lower valley returned on Tuesday to homes where the water had reached the first floor. \u201cWe lost the bakery\u2019s ovens, the flour, everything,\u201d said Mar\u00eda Ortega, who runs a caf\u00e9 on the square.</p>
<p>The regional council said repairs to the embankment would take most of the summer.</p>
</article></body></html>
"""

# Declares no charset in the page: only the HTTP header says windows-1251.
LEGACY = """<html><head><title>\u041d\u043e\u0432\u043e\u0441\u0442\u0438 \u0434\u043d\u044f</title></head>
<body><p>\u0412 \u0441\u0440\u0435\u0434\u0443 \u0433\u043e\u0440\u043e\u0434\u0441\u043a\u043e\u0439 \u0441\u043e\u0432\u0435\u0442 \u043e\u0431\u0441\u0443\u0434\u0438\u043b \u043d\u043e\u0432\u044b\u0439 \u043f\u0430\u0440\u043a \u0443 \u0440\u0435\u043a\u0438.</p>
<p>\u0416\u0438\u0442\u0435\u043b\u0438 \u043f\u043e\u043f\u0440\u043e\u0441\u0438\u043b\u0438 \u0431\u043e\u043b\u044c\u0448\u0435 \u0441\u043a\u0430\u043c\u0435\u0435\u043a \u0438 \u0434\u0435\u0440\u0435\u0432\u044c\u0435\u0432.</p></body></html>
"""

CHUNKED = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Night trains return to the northern line</title></head>
<body><p>The first sleeper service in twelve years left the capital at 22:40 on Friday, with every berth sold.</p>
<p>Operators said a second train would follow in the autumn if demand held.</p></body></html>
"""

GZIPPED = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>School garden wins national prize</title></head>
<body><p>Pupils at the Elm Street primary school grew forty kinds of vegetables on a former car park.</p>
<p>\u201cThey weigh every carrot,\u201d their teacher said. The prize comes with a greenhouse.</p></body></html>
"""

DEFLATED = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Library extends its opening hours</title></head>
<body><p>The central library will open until nine in the evening from next month, after a petition signed by 3,000 readers.</p></body></html>
"""

NOTES = "Council meeting notes, 4 March.\nItems: the bridge repairs; the bus timetable; the spring fair.\nNext meeting: 1 April.\n"

NOT_FOUND = "<html><head><title>Not found</title></head><body><p>No page at this address.</p></body></html>\n"


def png():
    """A 2x2 grey PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\x80\x80" for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


class Pages(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, ctype, body, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in extra:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/article.html":
            self.send(200, "text/html; charset=utf-8", ARTICLE.encode("utf-8"))
        elif self.path == "/legacy.html":
            self.send(200, "text/html; charset=windows-1251", LEGACY.encode("cp1251"))
        elif self.path == "/chunked.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            body = CHUNKED.encode("utf-8")
            for k in range(0, len(body), 60):
                piece = body[k:k + 60]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        elif self.path == "/gzip.html":
            self.send(200, "text/html; charset=utf-8", gzip.compress(GZIPPED.encode("utf-8"), mtime=0),
                      [("Content-Encoding", "gzip")])
        elif self.path == "/deflate.html":
            self.send(200, "text/html; charset=utf-8", zlib.compress(DEFLATED.encode("utf-8")),
                      [("Content-Encoding", "deflate")])
        elif self.path == "/notes.txt":
            self.send(200, "text/plain; charset=utf-8", NOTES.encode("utf-8"))
        elif self.path == "/image.png":
            self.send(200, "image/png", png())
        elif self.path == "/old-article":
            self.send(301, "text/html", b"<html><body>Moved</body></html>", [("Location", "/article.html")])
        else:
            self.send(404, "text/html; charset=utf-8", NOT_FOUND.encode("utf-8"))


PATHS = ["/article.html", "/legacy.html", "/chunked.html", "/gzip.html", "/deflate.html", "/notes.txt",
         "/image.png", "/old-article", "/missing.html"]


def crawl(out):
    """Records the pages into `out` (gzip per record) and returns the WARC bytes."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "warcio capture_http", "format": "WARC File Format 1.0"}))
    with capture_http(writer):
        for path in PATHS:
            conn = http.client.HTTPConnection("127.0.0.1", port)
            conn.request("GET", path, headers={"Accept-Encoding": "gzip, deflate"})
            conn.getresponse().read()
            conn.close()
    server.shutdown()
    base = "http://127.0.0.1:%d" % port
    writer.write_record(writer.create_warc_record(base + "/article.html", "metadata",
                        payload=io.BytesIO(b"fetchTimeMs: 12\n"), warc_content_type="application/warc-fields"))
    writer.write_record(writer.create_revisit_record(base + "/article.html", digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                        refers_to_uri=base + "/article.html", refers_to_date="2026-01-01T00:00:00Z"))
    writer.write_record(writer.create_warc_record(base + "/notes-copy.txt", "resource",
                        payload=io.BytesIO(NOTES.encode("utf-8")), warc_content_type="text/plain"))
    data = buf.getvalue()
    with open(os.path.join(out, "crawl.warc.gz"), "wb") as f:
        f.write(data)
    return data


def wet(out, warc_bytes):
    """Conversion records holding each HTML page's text, as Common Crawl's WET files."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.wet", {"software": "make_warc.py"}))
    for record in ArchiveIterator(io.BytesIO(warc_bytes)):
        if record.rec_type != "response" or record.http_headers.get_statuscode() != "200":
            continue
        if not record.http_headers.get_header("Content-Type", "").startswith("text/html"):
            continue
        html = decode_payload(record)
        text = re.sub(r"[ \t]*\n[ \t\n]*", "\n", re.sub(r"<[^>]+>", "", html)).strip() + "\n"
        headers = [("WARC-Refers-To", record.rec_headers.get_header("WARC-Record-ID")),
                   ("WARC-Date", record.rec_headers.get_header("WARC-Date"))]
        writer.write_record(writer.create_warc_record(record.rec_headers.get_header("WARC-Target-URI"), "conversion",
                            payload=io.BytesIO(text.encode("utf-8")), warc_content_type="text/plain",
                            warc_headers_dict=dict(headers)))
    with open(os.path.join(out, "crawl.warc.wet"), "wb") as f:
        f.write(buf.getvalue())


def decode_payload(record):
    """The payload as text: chunking and gzip undone by warcio, the charset from the page or HTTP."""
    body = record.content_stream().read()
    ctype = (record.http_headers.get_header("Content-Type", "") if record.http_headers
             else record.rec_headers.get_header("Content-Type", ""))
    declared = re.search(rb'<meta[^>]+charset="?([A-Za-z0-9_-]+)', body[:4096])
    m = re.search(r"charset=([A-Za-z0-9_-]+)", ctype)
    charset = declared.group(1).decode() if declared else (m.group(1) if m else "utf-8")
    return body.decode(charset)


def read_back(path):
    """What warcio reads from a file, record by record."""
    out = []
    with open(path, "rb") as f:
        for record in ArchiveIterator(f):
            item = {"type": record.rec_type,
                    "id": record.rec_headers.get_header("WARC-Record-ID"),
                    "url": record.rec_headers.get_header("WARC-Target-URI"),
                    "date": record.rec_headers.get_header("WARC-Date")}
            if record.http_headers and record.rec_type == "response":
                item["status"] = int(record.http_headers.get_statuscode())
                item["content_type"] = record.http_headers.get_header("Content-Type", "")
            else:
                item["content_type"] = record.rec_headers.get_header("Content-Type", "")
            if item["content_type"].split(";")[0].strip() in ("text/html", "text/plain"):
                item["text"] = decode_payload(record)
            out.append(item)
    return out


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    data = crawl(out)
    plain = gzip.decompress(data)
    with open(os.path.join(out, "crawl.warc"), "wb") as f:
        f.write(plain)
    with open(os.path.join(out, "crawl-onestream.warc.gz"), "wb") as f:
        f.write(gzip.compress(plain, mtime=0))
    wet(out, data)

    # Member boundaries of the per-record file: each member starts with 1f 8b 08.
    starts = [m.start() for m in re.finditer(b"\x1f\x8b\x08", data)]
    # Cut inside the 6th record's member (the chunked page's response).
    cut = starts[5] + (starts[6] - starts[5]) // 2
    with open(os.path.join(out, "truncated.warc.gz"), "wb") as f:
        f.write(data[:cut])
    # Damage the middle of the 4th record's member (the legacy page's response).
    broken = bytearray(data)
    middle = starts[3] + (starts[4] - starts[3]) // 2
    for k in range(middle, middle + 8):
        broken[k] ^= 0x5A
    with open(os.path.join(out, "broken-member.warc.gz"), "wb") as f:
        f.write(bytes(broken))
    # The chunked page's response with a Content-Length 10 bytes short.
    records = plain.split(b"WARC/1.")
    target = next(k for k, r in enumerate(records) if b"WARC-Type: response" in r and b"/chunked.html" in r)
    records[target] = re.sub(rb"Content-Length: (\d+)", lambda m: b"Content-Length: %d" % (int(m.group(1)) - 10),
                             records[target], count=1)
    with open(os.path.join(out, "bad-length.warc"), "wb") as f:
        f.write(b"WARC/1.".join(records))

    expected = {name: read_back(os.path.join(out, name)) for name in ["crawl.warc.gz", "crawl.warc", "crawl.warc.wet"]}
    # warcio refuses a gzip stream that spans records; it holds the records of crawl.warc.
    expected["crawl-onestream.warc.gz"] = expected["crawl.warc"]
    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
