"""datasketch 2.0 MinHashLSH on the templated pages `textmill-bench dedup --templated` wrote.

usage: templated.py DIR   (reads DIR/templated.jsonl)

Same loop as evaluate.py's speed pass (shingling + MinHash + LSH query, insert when nothing is
found), once, one thread: prints pages a second (CPU time) and LSH candidates a page (what
`query` hands back; datasketch compares nothing further).
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_set import shingles  # noqa: E402


def main():
    from datasketch import MinHash, MinHashLSH
    docs = [json.loads(l) for l in open(sys.argv[1] + "/templated.jsonl", encoding="utf-8")]
    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    candidates = kept = 0
    t0 = time.process_time()
    for d in docs:
        m = MinHash(num_perm=128)
        m.update_batch([s.encode() for s in shingles(d["text"])])
        found = lsh.query(m)
        candidates += len(found)
        if not found:
            lsh.insert(d["id"], m)
            kept += 1
    cpu = time.process_time() - t0
    print(json.dumps({"documents": len(docs), "docs_per_s": len(docs) / cpu, "cpu_s": cpu,
                      "candidates_per_doc": candidates / len(docs), "kept": kept}))


if __name__ == "__main__":
    main()
