#!/usr/bin/env python3
"""Reads a WARC's response records with a peer library and prints one JSON line like
textmill-bench warc: every response record's payload read with chunking and Content-Encoding
undone (what TextMill does before decoding the text).
Usage: peers.py fastwarc|warcio FILE
"""
import json
import os
import sys
import time


def fastwarc_read(path):
    from fastwarc.warc import ArchiveIterator, WarcRecordType
    records = payload = 0
    with open(path, "rb") as f:
        for record in ArchiveIterator(f, record_types=WarcRecordType.response, parse_http=True, auto_decode="all"):
            payload += len(record.reader.read())
            records += 1
    return records, payload


def warcio_read(path):
    from warcio.archiveiterator import ArchiveIterator
    records = payload = 0
    with open(path, "rb") as f:
        for record in ArchiveIterator(f):
            if record.rec_type != "response":
                continue
            payload += len(record.content_stream().read())
            records += 1
    return records, payload


def main():
    name, path = sys.argv[1], sys.argv[2]
    read = {"fastwarc": fastwarc_read, "warcio": warcio_read}[name]
    start = time.perf_counter()
    records, payload = read(path)
    seconds = time.perf_counter() - start
    mb = os.path.getsize(path) / 1e6
    print(json.dumps({"reader": name, "megabytes": round(mb, 1), "seconds": round(seconds, 3),
                      "mb_per_s": round(mb / seconds, 1), "responses": records, "payload_megabytes": round(payload / 1e6, 1)}))


if __name__ == "__main__":
    main()
