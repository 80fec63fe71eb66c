"""Synthetic fingerprints with the structures that make distributed dedup hard, for checking the
job's decisions against the single-machine rule (`dedup.sequential`)."""
import base64
import random
from array import array

M64 = 0xFFFFFFFFFFFFFFFF


def mix(x):
    x = (x ^ (x >> 31)) * 0x7FB5D329728EA185 & M64
    x = (x ^ (x >> 27)) * 0x81DADEF4BC2DD44D & M64
    return x ^ (x >> 33)


SEEDS = [mix(i + 1) for i in range(256)]


def bands_of(shingles, bands=9, rows=3, extra=()):
    """64-bit MinHash band keys of a shingle set (as the map side makes them), the last of them
    replaced by `extra` keys: a document carries as many band keys as the config has bands, as
    dedup-verify requires, and the extra keys put chosen documents in one bucket."""
    hashed = [mix(x) for x in shingles]
    keys = []
    for b in range(bands):
        sig = tuple(min(h ^ SEEDS[b * rows + r] for h in hashed) for r in range(rows))
        keys.append(mix(hash(sig) & M64 ^ b))
    return keys[:bands - len(extra)] + list(extra)


def b64(values, code="I"):
    return base64.b64encode(array(code, values).tobytes())


def line(doc_id, exact, words, shingles, bands):
    """A map-side `doc` line for a document (a minimal record)."""
    record = b'{"id":"%s","source":{},"duplicate":null}' % doc_id.encode()
    at = record.index(b"null")
    keys = b"%016x,%d,%s,%s" % (exact, words, b64(bands, "Q"), b64(sorted(shingles), "Q"))
    return b"doc\t%d\t%s\t%s" % (at, keys, record)


def corpus(seed, n=1500, giant=200, chain=25):
    """Documents in input order as (id, exact, words, shingles, bands): unique texts, exact copies
    (also of near duplicates), near copies at and around the threshold, a drift chain (each
    version near the one before, not the one before that), a giant bucket (many documents sharing
    one band key, some near each other), and documents without words."""
    rng = random.Random(seed)
    docs, families = [], []

    def add(shingles, extra=(), exact=None):
        shingles = set(shingles)
        words = len(shingles)
        exact = exact if exact is not None else mix(hash(frozenset(shingles)) & M64)
        docs.append([f"d{len(docs)}", exact, words, shingles, bands_of(shingles, extra=extra) if shingles else []])
        return docs[-1]

    def variant(base, replaced):
        s = list(base)
        rng.shuffle(s)
        k = int(len(s) * replaced)
        return set(s[k:]) | {rng.getrandbits(64) for _ in range(k)}

    chain_base = [rng.getrandbits(64) for _ in range(100 + 10 * chain)]
    chain_at = sorted(rng.sample(range(n), chain))
    giant_base = [rng.getrandbits(64) for _ in range(150)]
    giant_at = set(rng.sample(range(n), giant))
    link = 0
    for i in range(n):
        if link < chain and i == chain_at[link]:
            add(chain_base[10 * link:10 * link + 100])
            link += 1
            continue
        if i in giant_at:
            add(variant(giant_base, rng.choice([0.02, 0.05, 0.1, 0.12, 0.2, 0.3])), extra=(0xC0FFEE,))
            continue
        r = rng.random()
        if r < 0.02:
            add(())                                                    # no words
        elif r < 0.08 and docs:
            d = rng.choice(docs)                                       # exact copy of anything earlier
            docs.append([f"d{len(docs)}", d[1], d[2], set(d[3]), list(d[4])])
        elif r < 0.2 and families:
            add(variant(rng.choice(families), rng.choice([0.0, 0.03, 0.08, 0.1, 0.11, 0.115, 0.12, 0.15, 0.3])))
        else:
            base = {rng.getrandbits(64) for _ in range(rng.randint(20, 300))}
            families.append(list(base))
            add(base)
    return docs


def lines_and_positions(docs, partitions):
    """The docs cut into `partitions` consecutive partitions: map-side lines per partition, and
    the docs as `dedup.sequential` takes them."""
    per = (len(docs) + partitions - 1) // partitions
    parts, seq = [], []
    for p in range(partitions):
        chunk = docs[p * per:(p + 1) * per]
        parts.append([line(*d) for d in chunk])
        for k, (doc_id, exact, words, shingles, bands) in enumerate(chunk):
            seq.append(((p << 32) | k, exact, words, tuple(bands), array("Q", sorted(shingles)).tobytes(), b'"%s"' % doc_id.encode()))
    return parts, seq
