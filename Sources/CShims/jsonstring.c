// JSON string kernels for the reader and the writer: the bytes of a string are looked at
// sixteen at a time (SSE2, part of every x86-64 CPU; portable C elsewhere), and the runs between
// the bytes that need a look are copied whole. See cshims.h for what each function promises.
#include "cshims.h"
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// ---------------------------------------------------------------------------------------------
// UTF-8: one sequence, by the rules of UTF8Bytes.firstInvalidOffset (no overlong form, no
// surrogate, nothing above U+10FFFF).

/// The length of the valid UTF-8 sequence that starts with the byte above 0x7F at `s[i]`, or 0
/// when it is not one (or does not end before `n`).
static inline __attribute__((always_inline)) size_t utf8_sequence(const uint8_t *s, size_t i, size_t n) {
    uint8_t c = s[i];
    size_t need;
    uint8_t lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) need = 1;
    else if (c == 0xE0) { need = 2; lo = 0xA0; }
    else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) need = 2;
    else if (c == 0xED) { need = 2; hi = 0x9F; }
    else if (c == 0xF0) { need = 3; lo = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) need = 3;
    else if (c == 0xF4) { need = 3; hi = 0x8F; }
    else return 0;
    if (i + need >= n) return 0;
    uint8_t c1 = s[i + 1];
    if (c1 < lo || c1 > hi) return 0;
    if (need >= 2 && (s[i + 2] & 0xC0) != 0x80) return 0;
    if (need >= 3 && (s[i + 3] & 0xC0) != 0x80) return 0;
    return need + 1;
}

// ---------------------------------------------------------------------------------------------
// Sixteen-byte masks: bit k set when byte k of the block needs a look.

#if defined(__SSE2__)
/// Bytes below 0x20, '"', '\\' and (for the writer) 0xE2.
static inline unsigned stop_mask(__m128i v, int writer) {
    __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
    __m128i m = _mm_or_si128(control, _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x22)),
                                                   _mm_cmpeq_epi8(v, _mm_set1_epi8(0x5C))));
    if (writer) m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE2)));
    return (unsigned)_mm_movemask_epi8(m);
}

/// The bytes 0xC2 (a short string holding one is left to `tm_json_escape`, which looks at the
/// byte after it).
static inline unsigned c2_mask(__m128i v) {
    return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2)));
}

/// The writer's stops among the 16 bytes at `s` (17 may be read): `stop_mask`'s, and each 0xC2
/// followed by a byte 0x80..0x9F, the lead of a C1 control. A C2 of any other character
/// (U+00A0..U+00BF: no-break space, guillemets, degree, copyright) is no stop: stopping at each
/// made the escape of French text 6 times slower.
static inline unsigned writer_stops(const uint8_t *s, __m128i v) {
    __m128i next = _mm_loadu_si128((const __m128i *)(s + 1));
    __m128i lead = _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xC2));
    __m128i c1 = _mm_cmpeq_epi8(_mm_and_si128(next, _mm_set1_epi8((char)0xE0)), _mm_set1_epi8((char)0x80));
    return stop_mask(v, 1) | (unsigned)_mm_movemask_epi8(_mm_and_si128(lead, c1));
}
#endif

/// Whether the writer escapes or looks at byte `c`.
static inline int writer_looks(uint8_t c) { return c < 0x20 || c == 0x22 || c == 0x5C || c == 0xE2 || c == 0xC2; }

// ---------------------------------------------------------------------------------------------
// Writer.

/// The escape of a byte the writer looks at (not 0xC2 or 0xE2) into `d`; returns its length (2 or 6).
static inline size_t escape_byte(uint8_t c, uint8_t *d) {
    static const char hex[] = "0123456789abcdef";
    d[0] = '\\';
    switch (c) {
    case 0x22: d[1] = '"'; return 2;
    case 0x5C: d[1] = '\\'; return 2;
    case 0x0A: d[1] = 'n'; return 2;
    case 0x0D: d[1] = 'r'; return 2;
    case 0x09: d[1] = 't'; return 2;
    case 0x08: d[1] = 'b'; return 2;
    case 0x0C: d[1] = 'f'; return 2;
    default:
        d[1] = 'u'; d[2] = '0'; d[3] = '0'; d[4] = (uint8_t)hex[c >> 4]; d[5] = (uint8_t)hex[c & 0xF];
        return 6;
    }
}

/// Handles the byte the writer looks at, `s[*i]`, writing at `d` (room for 6 bytes): returns
/// the bytes written and moves `*i` past what it read.
static inline __attribute__((always_inline)) size_t escape_at(const uint8_t *s, size_t n, size_t *i, uint8_t *d) {
    uint8_t c = s[*i];
    if (c == 0xC2) {
        // The C1 controls U+0080-U+009F are C2 80 - C2 9F: escaped as C0 controls are, for
        // U+0085 (NEL) is a line break to Python's str.splitlines and other line readers, and
        // the others are controls a terminal may act on. Any other C2 sequence is copied.
        if (*i + 1 < n && s[*i + 1] >= 0x80 && s[*i + 1] <= 0x9F) {
            uint8_t control = s[*i + 1];
            *i += 2;
            return escape_byte(control, d);
        }
        d[0] = c;
        *i += 1;
        return 1;
    }
    if (c == 0xE2) {
        // U+2028 / U+2029 are E2 80 A8 / E2 80 A9; any other E2 sequence is copied.
        if (*i + 2 < n && s[*i + 1] == 0x80 && (s[*i + 2] == 0xA8 || s[*i + 2] == 0xA9)) {
            memcpy(d, s[*i + 2] == 0xA8 ? "\\u2028" : "\\u2029", 6);
            *i += 3;
            return 6;
        }
        d[0] = c;
        *i += 1;
        return 1;
    }
    *i += 1;
    return escape_byte(c, d);
}

size_t tm_json_escape(const uint8_t *s, size_t n, size_t *consumed, uint8_t *dst, size_t cap) {
    size_t i = 0, w = 0;
#if defined(__SSE2__)
    // A block is stored whole (the bytes after a stop are written again later), so the vector
    // path keeps 16 bytes of room for the store and 6 for the escape after it. It reads the byte
    // after the block too (the second byte of a C2 sequence).
    while (i + 17 <= n && w + 32 <= cap) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        unsigned m = writer_stops(s + i, v);
        _mm_storeu_si128((__m128i *)(dst + w), v);
        if (m == 0) { i += 16; w += 16; continue; }
        unsigned k = (unsigned)__builtin_ctz(m);
        i += k;
        w += k;
        w += escape_at(s, n, &i, dst + w);
    }
#endif
    // More than 6 bytes of room before each step: an escape (at most 6 bytes) always leaves one
    // byte of `cap` unwritten, where the caller puts the closing quote.
    while (i < n && w + 6 < cap) {
        uint8_t c = s[i];
        if (!writer_looks(c)) { dst[w++] = c; i++; continue; }
        w += escape_at(s, n, &i, dst + w);
    }
    *consumed = i;
    return w;
}

size_t tm_json_quote_plain(const uint8_t *s, size_t n, uint8_t *dst) {
    size_t i = 0;
    dst[0] = '"';
#if defined(__SSE2__)
    if (n >= 16) {
        // Whole vectors, then the last sixteen bytes (overlapping the vector before them).
        for (; i + 16 <= n; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
            if (stop_mask(v, 1) | c2_mask(v)) return 0;
            _mm_storeu_si128((__m128i *)(dst + 1 + i), v);
        }
        if (i < n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(s + n - 16));
            if (stop_mask(v, 1) | c2_mask(v)) return 0;
            _mm_storeu_si128((__m128i *)(dst + 1 + n - 16), v);
        }
        dst[n + 1] = '"';
        return n + 2;
    }
#endif
    for (; i < n; i++) {
        uint8_t c = s[i];
        if (writer_looks(c)) return 0;
        dst[1 + i] = c;
    }
    dst[n + 1] = '"';
    return n + 2;
}

// ---------------------------------------------------------------------------------------------
// Reader.

/// The byte a two-byte escape `\c` stands for, or -1 for `\u` and any unknown escape.
static inline int simple_escape(uint8_t c) {
    switch (c) {
    case '"': return 0x22;
    case '\\': return 0x5C;
    case '/': return 0x2F;
    case 'b': return 0x08;
    case 'f': return 0x0C;
    case 'n': return 0x0A;
    case 'r': return 0x0D;
    case 't': return 0x09;
    default: return -1;
    }
}

/// Handles the byte at `s[*i]` inside a string: 1 when it closes the string, 0 when it was read
/// (`*i` moved past it, `*escapes` counted), -1 when the fast path does not take the string.
static inline __attribute__((always_inline)) int scan_at(const uint8_t *s, size_t n, size_t *i, size_t *escapes) {
    uint8_t c = s[*i];
    if (c == 0x22) return 1;
    if (c == 0x5C) {
        if (*i + 1 >= n || simple_escape(s[*i + 1]) < 0) return -1;
        *escapes += 1;
        *i += 2;
        return 0;
    }
    if (c < 0x20) return -1;
    if (c < 0x80) { *i += 1; return 0; }
    size_t len = utf8_sequence(s, *i, n);
    if (len == 0) return -1;
    *i += len;
    return 0;
}

long tm_json_string_scan(const uint8_t *s, size_t n, size_t *decoded) {
    size_t i = 0, escapes = 0;
#if defined(__SSE2__)
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        unsigned m = stop_mask(v, 0) | (unsigned)_mm_movemask_epi8(v);
        if (m == 0) { i += 16; continue; }
        i += (unsigned)__builtin_ctz(m);
        int r = scan_at(s, n, &i, &escapes);
        if (r > 0) { *decoded = i - escapes; return (long)i; }
        if (r < 0) return -1;
    }
#endif
    while (i < n) {
        int r = scan_at(s, n, &i, &escapes);
        if (r > 0) { *decoded = i - escapes; return (long)i; }
        if (r < 0) return -1;
    }
    return -1;
}

void tm_json_string_decode(const uint8_t *s, size_t end, uint8_t *dst, size_t total) {
    size_t i = 0, w = 0;
#if defined(__SSE2__)
    // The output is shorter than the input by one byte an escape: a block is stored whole only
    // while both have 16 bytes left.
    while (i + 16 <= end && w + 16 <= total) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(0x5C)));
        _mm_storeu_si128((__m128i *)(dst + w), v);
        if (m == 0) { i += 16; w += 16; continue; }
        unsigned k = (unsigned)__builtin_ctz(m);
        i += k;
        w += k;
        dst[w++] = (uint8_t)simple_escape(s[i + 1]);
        i += 2;
    }
#endif
    while (i < end) {
        uint8_t c = s[i];
        if (c == 0x5C) { dst[w++] = (uint8_t)simple_escape(s[i + 1]); i += 2; }
        else { dst[w++] = c; i++; }
    }
}

/// Reads the byte at `s[*i]` inside a string into `dst` at `*w`: 1 when it closes the string, 0
/// when it was read (`*i` and `*w` moved past it), -1 when the fast path does not take the string.
static inline __attribute__((always_inline)) int read_at(const uint8_t *s, size_t n, size_t *i, uint8_t *dst, size_t *w) {
    uint8_t c = s[*i];
    if (c == 0x22) return 1;
    if (c == 0x5C) {
        int e = *i + 1 < n ? simple_escape(s[*i + 1]) : -1;
        if (e < 0) return -1;
        dst[(*w)++] = (uint8_t)e;
        *i += 2;
        return 0;
    }
    if (c < 0x20) return -1;
    if (c < 0x80) { dst[(*w)++] = c; *i += 1; return 0; }
    size_t len = utf8_sequence(s, *i, n);
    if (len == 0) return -1;
    for (size_t k = 0; k < len; k++) dst[*w + k] = s[*i + k];
    *w += len;
    *i += len;
    return 0;
}

long tm_json_string_read(const uint8_t *s, size_t n, uint8_t *dst, size_t *decoded) {
    size_t i = 0, w = 0;
#if defined(__SSE2__)
    // The output never runs ahead of the input (w <= i), so a block stored whole at `w` stays
    // inside `dst`'s `n` bytes.
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        unsigned m = stop_mask(v, 0) | (unsigned)_mm_movemask_epi8(v);
        _mm_storeu_si128((__m128i *)(dst + w), v);
        if (m == 0) { i += 16; w += 16; continue; }
        unsigned k = (unsigned)__builtin_ctz(m);
        i += k;
        w += k;
        int r = read_at(s, n, &i, dst, &w);
        if (r > 0) { *decoded = w; return (long)i; }
        if (r < 0) return -1;
    }
#endif
    while (i < n) {
        int r = read_at(s, n, &i, dst, &w);
        if (r > 0) { *decoded = w; return (long)i; }
        if (r < 0) return -1;
    }
    return -1;
}

// ---------------------------------------------------------------------------------------------
// Scalar offsets (RecordEncoder's OffsetTable).

size_t tm_utf8_scalars(const uint8_t *text, size_t from, size_t to) {
    size_t k = from, continuations = 0;
#if defined(__SSE2__)
    // Continuation bytes (10xxxxxx) are the bytes below -64 as signed bytes; each lane's 1 is
    // summed by psadbw.
    const __m128i limit = _mm_set1_epi8(-64), one = _mm_set1_epi8(1), zero = _mm_setzero_si128();
    __m128i sums = zero;
    while (k + 16 <= to) {
        __m128i v = _mm_loadu_si128((const __m128i *)(text + k));
        sums = _mm_add_epi64(sums, _mm_sad_epu8(_mm_and_si128(_mm_cmplt_epi8(v, limit), one), zero));
        k += 16;
    }
    if (k < to && to >= 16) {
        // The last bytes: the sixteen that end at `to`, of which the lanes from `k` on count.
        static const uint8_t lanes[32] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                          1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        __m128i v = _mm_loadu_si128((const __m128i *)(text + to - 16));
        __m128i keep = _mm_loadu_si128((const __m128i *)(lanes + (to - k)));
        sums = _mm_add_epi64(sums, _mm_sad_epu8(_mm_and_si128(_mm_cmplt_epi8(v, limit), keep), zero));
        k = to;
    }
    continuations = (size_t)_mm_cvtsi128_si64(sums) + (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums));
#endif
    for (; k < to; k++) continuations += (text[k] & 0xC0) == 0x80;
    return (to - from) - continuations;
}
