// The differential harness of bench/fuzz/jsonstring/run: each input goes through the SSE2 (v_) and
// portable (p_) builds of every kernel and the reference (ref.h); any difference aborts. With
// -DFUZZER a libFuzzer target, else edge cases around every vector and buffer boundary and then
// random strings (arguments: seed, count).
#include "ref.h"
#define DECL(P) \
 size_t P##tm_json_escape(const uint8_t *s, size_t n, size_t *consumed, uint8_t *dst, size_t cap); \
 long P##tm_json_string_scan(const uint8_t *s, size_t n, size_t *decoded); \
 void P##tm_json_string_decode(const uint8_t *s, size_t end, uint8_t *dst, size_t decoded); \
 long P##tm_json_string_read(const uint8_t *s, size_t n, uint8_t *dst, size_t *decoded); \
 size_t P##tm_utf8_scalars(const uint8_t *text, size_t from, size_t to); \
 size_t P##tm_json_quote_plain(const uint8_t *s, size_t n, uint8_t *dst);
DECL(v_) DECL(p_)
#define CHECK(c, ...) do { if (!(c)) { fprintf(stderr, "FAIL %s:%d ", __FILE__, __LINE__); fprintf(stderr, __VA_ARGS__); fprintf(stderr, "\n"); abort(); } } while (0)
// The Swift writer's loop: buffer of 1024, prefix of `pre` bytes + quote; returns escaped length.
static size_t writer(int vec, const uint8_t *s, size_t n, size_t pre, uint8_t *out) {
    enum { B = 1024 };
    uint8_t *p = malloc(B); // exact size: ASan catches p[B]
    size_t w = pre + 1, i = 0, o = 0;
    memset(p, 'P', w);
    while (i < n) {
        size_t consumed = 0;
        w += (vec ? v_tm_json_escape : p_tm_json_escape)(s + i, n - i, &consumed, p + w, B - w);
        i += consumed;
        if (i < n) { memcpy(out + o, p, w); o += w; w = 0; }
    }
    p[w] = '"';
    memcpy(out + o, p, w + 1); o += w + 1;
    free(p);
    return o;
}
static void check_one(const uint8_t *data, size_t size) {
    // reader: exact-size copies so ASan catches overreads
    uint8_t *s = malloc(size ? size : 1); memcpy(s, data, size);
    uint8_t *r = malloc(size + 1), *a = malloc(size + 1), *b = malloc(size + 1);
    size_t dr = 0, da = 0, db = 0;
    long er = ref_read(s, size, r, &dr);
    for (int vec = 0; vec < 2; vec++) {
        long ea = (vec ? v_tm_json_string_read : p_tm_json_string_read)(s, size, a, &da);
        CHECK(ea == er, "read vec=%d %ld vs ref %ld size %zu", vec, ea, er, size);
        if (er >= 0) { CHECK(da == dr && memcmp(a, r, dr) == 0, "read bytes vec=%d", vec); }
        size_t ds = 0;
        long es = (vec ? v_tm_json_string_scan : p_tm_json_string_scan)(s, size, &ds);
        CHECK(es == er, "scan vec=%d %ld vs %ld", vec, es, er);
        if (er >= 0) {
            CHECK(ds == dr, "scan decoded");
            uint8_t *d2 = malloc(ds ? ds : 1);
            (vec ? v_tm_json_string_decode : p_tm_json_string_decode)(s, (size_t)es, d2, ds);
            CHECK(memcmp(d2, r, ds) == 0, "decode bytes vec=%d", vec);
            free(d2);
        }
        // truncated n (as the 64 KB window does): must not claim a string past n
        for (size_t cut = 0; cut < size && cut < 40; cut++) {
            size_t n2 = size - cut; size_t x = 0;
            long e2 = (vec ? v_tm_json_string_read : p_tm_json_string_read)(s, n2, a, &x);
            long r2 = ref_read(s, n2, r, &dr);
            CHECK(e2 == r2, "cut read");
        }
    }
    // writer on valid UTF-8 only (its contract); use the bytes as they are when valid, else ASCII-fold
    uint8_t *t = malloc(size ? size : 1); memcpy(t, data, size);
    if (!ref_utf8_valid(t, size)) for (size_t k = 0; k < size; k++) t[k] &= 0x7F;
    uint8_t *want = malloc(size * 6 + 8), *got = malloc(size * 6 + 2048);
    size_t wl = ref_escape(t, size, want); want[wl++] = '"';
    for (int vec = 0; vec < 2; vec++)
        for (size_t pre = 0; pre <= 32; pre += (size > 900 ? 1 : 11)) {
            size_t gl = writer(vec, t, size, pre, got);
            CHECK(gl == wl + pre + 1 && memcmp(got + pre + 1, want, wl) == 0, "writer vec=%d pre=%zu", vec, pre);
        }
    // quote_plain on any bytes (it reads no UTF-8): exact-size input and output (n + 2) so ASan
    // catches the last vector read past either end; 0 when a byte needs a look, else the quoted
    // bytes; the same for both builds, and at every length from the front of the input.
    for (size_t len = 0; len <= size; len += (len < 48 || size - len < 48 ? 1 : 13)) {
        uint8_t *qs = malloc(len ? len : 1), *qd = malloc(len + 2);
        memcpy(qs, data, len);
        int plain = 1;
        for (size_t k = 0; k < len; k++) if (qs[k] < 0x20 || qs[k] == 0x22 || qs[k] == 0x5C || qs[k] == 0xE2) plain = 0;
        for (int vec = 0; vec < 2; vec++) {
            memset(qd, 0xAA, len + 2);
            size_t q = (vec ? v_tm_json_quote_plain : p_tm_json_quote_plain)(qs, len, qd);
            CHECK(q == (plain ? len + 2 : 0), "quote_plain vec=%d len %zu: %zu, plain %d", vec, len, q, plain);
            if (q) CHECK(qd[0] == '"' && qd[len + 1] == '"' && memcmp(qd + 1, qs, len) == 0, "quote_plain bytes vec=%d len %zu", vec, len);
        }
        free(qs); free(qd);
    }
    // scalars
    if (size) for (size_t from = 0; from < size && from < 70; from += 7) for (size_t to = from; to <= size; to += 1 + to / 8) {
        CHECK(v_tm_utf8_scalars(s, from, to) == ref_scalars(s, from, to), "scalars %zu %zu", from, to);
        CHECK(p_tm_utf8_scalars(s, from, to) == ref_scalars(s, from, to), "pscalars");
    }
    free(s); free(r); free(a); free(b); free(t); free(want); free(got);
}
#ifdef FUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) { check_one(data, size); return 0; }
#else
int main(int argc, char **argv) {
    // edge cases: strings ending at each offset around vector boundaries, with each kind of byte at the edge
    const char *tails[] = {"\"", "\\n\"", "\\\"\"", "\\u0041\"", "\x01\"", "\xC3\xA9\"", "\xE2\x80\xA8\"", "\xC3\"", "\xF0\x9F\x98\x80\"", "\\", "\xE2\x80", "\xED\xA0\x80\"", ""};
    uint8_t buf[4096];
    for (size_t k = 0; k < 80; k++) for (size_t t = 0; t < sizeof tails / sizeof *tails; t++) {
        memset(buf, 'a', k); size_t L = strlen(tails[t]); memcpy(buf + k, tails[t], L);
        check_one(buf, k + L);
    }
    // writer boundary sweep: a 6-byte escape at every position near the buffer end
    for (size_t k = 900; k < 1100; k++) for (int e = 0; e < 3; e++) {
        memset(buf, 'a', k); const char *x = e == 0 ? "\x01" : e == 1 ? "\xE2\x80\xA9" : "\n";
        size_t L = strlen(x); memcpy(buf + k, x, L); check_one(buf, k + L);
    }
    unsigned seed = argc > 1 ? (unsigned)atoi(argv[1]) : 1; srand(seed);
    long iters = argc > 2 ? atol(argv[2]) : 100000;
    const uint8_t alphabet[] = {'a', '"', '\\', 'n', 'u', '/', 0x01, 0x1F, 0x20, 0x7F, 0x80, 0xBF, 0xC2, 0xC3, 0xE0, 0xE2, 0xED, 0xA0, 0xA8, 0xA9, 0xF0, 0xF4, 0x8F, 0x90, 0x9F, 0xFF};
    for (long it = 0; it < iters; it++) {
        size_t n = (size_t)(rand() % 200); if (rand() % 50 == 0) n = 900 + rand() % 300;
        int mode = rand() % 3;
        for (size_t k = 0; k < n; k++) buf[k] = mode == 0 ? (uint8_t)rand() : (rand() % 4 ? 'x' : alphabet[rand() % sizeof alphabet]);
        check_one(buf, n);
    }
    printf("ok\n");
    return 0;
}
#endif
