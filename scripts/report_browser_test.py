#!/usr/bin/env python3
"""The `textmill report` page in a real browser (headless Chromium).

1. Runs pipeline/default.yaml on the sample corpus into a temporary folder, makes the report, loads
   it in headless Chromium with a document opened, and checks the rendered DOM: the counts at a
   glance, a known speaker in the chart of most quoted speakers, a known quotation highlighted as
   direct with its speaker marked, the document list. Saves a screenshot.
2. Makes a 100,000-document output by replicating the sample's records under new ids, makes its
   report and measures how long Chromium takes to open it (reported, never asserted).

Usage: report_browser_test.py --textmill PATH [--out DIR] [--documents N]
Prints one "N passed, N failed" line at the end; exits 1 when a check failed.
"""
import argparse
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# What the sample corpus must show (README: the record of rfe-chinese-envoy-undiplomatic.txt).
KNOWN_DOCUMENT = "input/rfe-chinese-envoy-undiplomatic.txt"
KNOWN_QUOTE = "This is the account of an embassy in Kazakhstan...Americans don\u2019t read it,"
KNOWN_SPEAKER = "Assem Zhapisheva"
# Longest text (characters) of a sample record replicated into the large output.
SHORT_RECORD = 2000


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def expect(self, ok, what):
        if ok:
            self.passed += 1
            print(f"  ok: {what}")
        else:
            self.failed += 1
            print(f"  FAILED: {what}")


class Dom(html.parser.HTMLParser):
    """The parts of a dumped DOM the checks read: text by element id, chart bars, quotation marks
    (text by data-q, with their classes), speaker and cue marks, list items of the document list."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "rect"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.by_id = {}
        self.bars = {}
        self.marks = {}
        self.mark_classes = {}
        self.speakers = {}
        self.doc_list_items = 0
        self.body = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.body = a
        if tag == "g" and "bar" in a.get("class", ""):
            chart = next((e[1].get("id") for e in reversed(self.stack) if e[0] == "figure"), None)
            self.bars.setdefault(chart, {})[a.get("data-label")] = int(a.get("data-value", "0"))
        if tag == "li" and any(e[1].get("id") == "doc-list" for e in self.stack):
            self.doc_list_items += 1
        if tag in self.VOID:
            return
        self.stack.append((tag, a))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        in_view = any(e[1].get("id") == "doc-view" for e in self.stack)
        for tag, a in self.stack:
            if "id" in a:
                self.by_id[a["id"]] = self.by_id.get(a["id"], "") + data
        if not in_view:
            return
        for tag, a in self.stack:
            if tag == "mark" and "data-q" in a:
                q = int(a["data-q"])
                self.marks[q] = self.marks.get(q, "") + data
                self.mark_classes.setdefault(q, set()).update(a.get("class", "").split())
            if tag == "a" and "spk" in a.get("class", "").split():
                q = int(a["data-q"])
                self.speakers[q] = self.speakers.get(q, "") + data


def chromium_binary():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("report_browser_test: no chromium on PATH (scripts/setup.sh installs Debian's chromium)")


def chromium(args, url, timeout=120):
    """Runs headless Chromium on url; returns (stdout, seconds)."""
    profile = tempfile.mkdtemp(prefix="tm-chromium-")
    cmd = [chromium_binary(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + profile] + args + [url]
    try:
        start = time.monotonic()
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        seconds = time.monotonic() - start
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if done.returncode != 0:
        sys.exit(f"report_browser_test: chromium failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout, seconds


def run(cmd, **kw):
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, **kw)
    if done.returncode != 0:
        sys.exit(f"report_browser_test: {' '.join(cmd)} exited {done.returncode}: {done.stderr[-2000:]}")
    return done


def lines(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def page_url(path, doc=None):
    url = "file://" + urllib.parse.quote(os.path.abspath(path))
    return url + ("#doc/" + urllib.parse.quote(doc, safe="") if doc else "")


def sample_report(textmill, work, out_dir, checks):
    output = os.path.join(work, "corpus.jsonl")
    run([textmill, "run", "pipeline/default.yaml", "--output", output, "--quiet"])
    run([textmill, "report", output])
    page = os.path.join(work, "corpus.report.html")
    records = lines(output)
    duplicates = lines(os.path.join(work, "corpus.duplicates.jsonl"))
    errors = lines(os.path.join(work, "corpus.errors.jsonl"))
    with open(os.path.join(work, "corpus.stats.json"), encoding="utf-8") as f:
        stats = json.load(f)

    dumped, _ = chromium(["--dump-dom", "--virtual-time-budget=5000"], page_url(page, KNOWN_DOCUMENT))
    dom = Dom()
    dom.feed(dumped)
    print("the sample corpus' report in Chromium:")
    checks.expect(dom.body.get("data-ready") == "true", "the page's script ran to its end")
    checks.expect(dom.by_id.get("glance-now-written") == str(len(records)), f"written: {len(records)} documents in the output")
    checks.expect(dom.by_id.get("glance-run-documents") == str(stats["run"]["documents"]), f"documents in: {stats['run']['documents']} (stats file)")
    checks.expect(dom.by_id.get("glance-now-duplicates") == str(len(duplicates)), f"duplicates: {len(duplicates)}")
    checks.expect(dom.by_id.get("glance-now-failed") == str(len(errors)), f"failed: {len(errors)}")
    embedded = len(records) + len(duplicates)
    checks.expect(dom.doc_list_items == embedded, f"the document list shows all {embedded} documents (output and duplicates)")
    speakers = dom.bars.get("chart-speakers", {})
    checks.expect(speakers.get(KNOWN_SPEAKER, 0) >= 2, f"'{KNOWN_SPEAKER}' has a bar in the chart of most quoted speakers ({speakers.get(KNOWN_SPEAKER)})")
    kinds = dom.bars.get("chart-quote-kinds", {})
    quotes = sum(len(r.get("quotes", [])) for r in records)
    checks.expect(sum(kinds.values()) == quotes, f"the quotation kinds add up to the {quotes} quotations")
    checks.expect(dom.by_id.get("doc-view", "").startswith(KNOWN_DOCUMENT), f"the browser opened {KNOWN_DOCUMENT}")
    found = [q for q, text in dom.marks.items() if text == KNOWN_QUOTE]
    checks.expect(len(found) == 1, "the known quotation is highlighted in the text")
    if found:
        q = found[0]
        checks.expect("q-direct" in dom.mark_classes[q], "... as a direct quotation")
        checks.expect(dom.speakers.get(q) == KNOWN_SPEAKER, f"... with its speaker {KNOWN_SPEAKER} marked and linked to it")

    screenshot = os.path.join(out_dir, "report.png")
    chromium(["--screenshot=" + screenshot, "--window-size=1280,1600", "--virtual-time-budget=5000"], page_url(page, KNOWN_DOCUMENT))
    checks.expect(os.path.getsize(screenshot) > 10_000, f"screenshot saved: {screenshot}")
    shutil.copy(page, os.path.join(out_dir, "sample.report.html"))
    return records, duplicates


HOSTILE_TEXT = ("Markup in a text stays text: </script><script>document.title='pwned'</script> "
                "<img src=x onerror=\"document.title='pwned'\"> <!-- and --> said <b>Mallory</b>.")


def hostile_report(textmill, work, checks):
    """A document whose text, id and speaker hold markup: the page shows them as text, and its
    own script still runs."""
    folder = os.path.join(work, "hostile")
    os.makedirs(folder)
    text = HOSTILE_TEXT
    quoted = "<img src=x onerror=\"document.title='pwned'\">"
    start = text.index(quoted)
    speaker = text.index("<b>Mallory</b>")
    record = {"id": "in/<script>x</script>.txt", "text": text,
              "quotes": [{"start": start, "end": start + len(quoted), "text": quoted, "kind": "direct",
                          "speaker": {"text": "<b>Mallory</b>", "start": speaker, "end": speaker + len("<b>Mallory</b>")},
                          "cue": None}]}
    output = os.path.join(folder, "corpus.jsonl")
    with open(output, "w", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")
    run([textmill, "report", output])
    dumped, _ = chromium(["--dump-dom", "--virtual-time-budget=3000"], page_url(os.path.join(folder, "corpus.report.html"), record["id"]))
    dom = Dom()
    dom.feed(dumped)
    print("a document holding markup:")
    checks.expect(dom.body.get("data-ready") == "true", "the page's script ran to its end")
    checks.expect("pwned" not in dumped.split("<body", 1)[0], "no injected script ran (the title is untouched)")
    checks.expect(dom.marks.get(0) == quoted, "the quoted markup is highlighted as text")
    checks.expect(dom.speakers.get(0) == "<b>Mallory</b>", "the speaker's name is shown as text")
    checks.expect("<img src=\"x\"" not in dumped and "<b>Mallory" not in dumped, "no element was made from the text")


def shared_id_report(textmill, work, checks):
    """An output record, a duplicate and a failed record under one id (an exact copy under the
    same id, then a reused id refused): each link opens its own document. The page kept the
    first document of each id, so the duplicate's and the failure's links showed the output's."""
    folder = os.path.join(work, "shared-id")
    os.makedirs(folder)
    source = {"path": "in/wire.jsonl", "format": "jsonl", "sha256": ""}
    kept = "The council voted on the budget today."
    copy = "The council voted on the budget today!"
    with open(os.path.join(folder, "corpus.jsonl"), "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "x", "source": source, "text": kept, "duplicate": None}) + "\n")
    with open(os.path.join(folder, "corpus.duplicates.jsonl"), "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "x", "source": source, "text": copy, "duplicate": {"of": "x", "kind": "exact", "similarity": 1}}) + "\n")
    with open(os.path.join(folder, "corpus.errors.jsonl"), "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "x", "source": dict(source, record=3), "stage": "write", "reason": "the id 'x' is already used"}) + "\n")
    run([textmill, "report", os.path.join(folder, "corpus.jsonl")])
    page = os.path.join(folder, "corpus.report.html")
    print("an output record, a duplicate and a failure under one id:")
    for fragment, shows, what in [("x", kept, "the output record"), ("x/d0", copy, "the duplicate"), ("x/f0", "write", "the failed record")]:
        url = "file://" + urllib.parse.quote(os.path.abspath(page)) + "#doc/" + fragment
        dumped, _ = chromium(["--dump-dom", "--virtual-time-budget=3000"], url)
        dom = Dom()
        dom.feed(dumped)
        view = dom.by_id.get("doc-view", "")
        checks.expect(dom.body.get("data-ready") == "true" and shows in view, f"#doc/{fragment} opens {what} ({view[:80]!r})")
    with open(page, encoding="utf-8") as f:
        checks.expect('href="#doc/x/f0"' in f.read(), "the failure's link in its group names it by its key")


def large_report(textmill, work, records, duplicates, count, short_record):
    """Writes `count` output records replicated from the sample's (new ids) and a duplicates
    file of one in twenty, then times `textmill report` and Chromium on the page."""
    folder = os.path.join(work, "large")
    os.makedirs(folder)
    output = os.path.join(folder, "corpus.jsonl")
    # The shorter records only (news items, wire stories), so that the output is written and
    # read in seconds; the page's size depends on the sample it embeds, not on the total.
    short = [r for r in records if short_record <= 0 or len(r.get("text", "")) <= short_record] or records
    templates = []
    for r in short:
        r = dict(r)
        original = r["id"]
        r["id"] = "\x00ID\x00"
        line = json.dumps(r, ensure_ascii=False)
        templates.append((original, line))
    start = time.monotonic()
    with open(output, "w", encoding="utf-8") as out, open(os.path.join(folder, "corpus.duplicates.jsonl"), "w", encoding="utf-8") as dup:
        for i in range(count):
            original, line = templates[i % len(templates)]
            new_id = f"{original}~{i // len(templates)}"
            out.write(line.replace('"\\u0000ID\\u0000"', json.dumps(new_id, ensure_ascii=False)) + "\n")
            if i % 20 == 0 and duplicates:
                d = dict(duplicates[i % len(duplicates)])
                d["id"] = f"copy-{i}"
                d["duplicate"] = dict(d.get("duplicate") or {}, of=new_id)
                dup.write(json.dumps(d, ensure_ascii=False) + "\n")
    written = time.monotonic() - start
    size = os.path.getsize(output)
    start = time.monotonic()
    run([textmill, "report", output])
    made = time.monotonic() - start
    page = os.path.join(folder, "corpus.report.html")
    _, blank = chromium(["--dump-dom"], "about:blank")
    dumped, seconds = chromium(["--dump-dom", "--virtual-time-budget=5000"], page_url(page))
    dom = Dom()
    dom.feed(dumped)
    print(f"a {count:,}-document output ({size / 1e6:.0f} MB, {len(templates)} sample records{f' of at most {short_record} characters' if short_record > 0 else ''} replicated, written in {written:.1f} s):")
    print(f"  textmill report: {made:.1f} s; page {os.path.getsize(page) / 1e6:.1f} MB; {dom.by_id.get('sample-note', '').strip()}")
    print(f"  Chromium: the page's script finished {dom.body.get('data-ready-after-ms')} ms after navigation start "
          f"(its own work {dom.body.get('data-rendered-ms')} ms); the whole headless run took {seconds:.1f} s, "
          f"of which about {blank:.1f} s is Chromium starting (an about:blank run)")
    return dom


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--textmill", required=True)
    ap.add_argument("--out", default=os.path.join(REPO, ".build", "report-browser-test"))
    ap.add_argument("--documents", type=int, default=100_000)
    ap.add_argument("--short-record", type=int, default=SHORT_RECORD,
                    help="replicate only sample records with at most this many characters (0: all of them)")
    args = ap.parse_args()
    textmill = os.path.abspath(args.textmill)
    os.makedirs(args.out, exist_ok=True)
    checks = Checks()
    with tempfile.TemporaryDirectory(prefix="textmill-report-") as work:
        records, duplicates = sample_report(textmill, work, args.out, checks)
        hostile_report(textmill, work, checks)
        shared_id_report(textmill, work, checks)
        if args.documents > 0:
            dom = large_report(textmill, work, records, duplicates, args.documents, args.short_record)
            checks.expect(dom.body.get("data-ready") == "true", f"the {args.documents:,}-document report renders")
    print(f"report browser test: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
