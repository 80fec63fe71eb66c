#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include <stdlib.h>
#include <stdio.h>
// Plain reference definitions of what each kernel of Sources/CShims/jsonstring.c promises
// (cshims.h), written byte by byte as the Swift long way reads and writes JSON strings.
static int ref_utf8_valid(const uint8_t *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        uint8_t c = s[i];
        if (c < 0x80) { i++; continue; }
        size_t need; uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) { need = 1; cp = c & 0x1F; }
        else if (c >= 0xE0 && c <= 0xEF) { need = 2; cp = c & 0x0F; }
        else if (c >= 0xF0 && c <= 0xF4) { need = 3; cp = c & 0x07; }
        else return 0;
        if (i + need >= n) return 0;
        for (size_t k = 1; k <= need; k++) { if ((s[i+k] & 0xC0) != 0x80) return 0; cp = (cp << 6) | (s[i+k] & 0x3F); }
        if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        i += need + 1;
    }
    return 1;
}
static int ref_simple(uint8_t c) {
    switch (c) { case '"': return 0x22; case '\\': return 0x5C; case '/': return 0x2F; case 'b': return 8;
    case 'f': return 12; case 'n': return 10; case 'r': return 13; case 't': return 9; default: return -1; }
}
// returns closing-quote offset or -1, decoded bytes into dst (cap n)
static long ref_read(const uint8_t *s, size_t n, uint8_t *dst, size_t *decoded) {
    size_t i = 0, w = 0;
    while (i < n) {
        uint8_t c = s[i];
        if (c == '"') { if (!ref_utf8_valid(dst, w)) return -1; *decoded = w; return (long)i; }
        if (c == '\\') { if (i + 1 >= n) return -1; int e = ref_simple(s[i+1]); if (e < 0) return -1; dst[w++] = (uint8_t)e; i += 2; continue; }
        if (c < 0x20) return -1;
        dst[w++] = c; i++;
    }
    return -1;
}
static size_t ref_escape(const uint8_t *s, size_t n, uint8_t *d) {
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = s[i];
        if (c == 0xE2 && i + 2 < n && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9)) {
            memcpy(d + w, s[i+2] == 0xA8 ? "\\u2028" : "\\u2029", 6); w += 6; i += 2; continue; }
        if (c == '"') { d[w++]='\\'; d[w++]='"'; }
        else if (c == '\\') { d[w++]='\\'; d[w++]='\\'; }
        else if (c == '\n') { d[w++]='\\'; d[w++]='n'; }
        else if (c == '\r') { d[w++]='\\'; d[w++]='r'; }
        else if (c == '\t') { d[w++]='\\'; d[w++]='t'; }
        else if (c == 8) { d[w++]='\\'; d[w++]='b'; }
        else if (c == 12) { d[w++]='\\'; d[w++]='f'; }
        else if (c < 0x20) { w += (size_t)sprintf((char*)d + w, "\\u%04x", c); }
        else d[w++] = c;
    }
    return w;
}
static size_t ref_scalars(const uint8_t *t, size_t from, size_t to) {
    size_t c = 0; for (size_t k = from; k < to; k++) c += (t[k] & 0xC0) != 0x80; return c;
}
