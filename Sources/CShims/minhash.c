// MinHash minimums (see MinHasher in Sources/TextMill/Stages/Dedup/MinHash.swift): portable C,
// and AVX2 when the CPU has it (eight 32-bit lanes with a real 32-bit multiply and unsigned
// minimum, which the SSE2 baseline lacks).
#include "cshims.h"
#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

/// MurmurHash3's 32-bit finalizer.
static inline uint32_t fmix32(uint32_t y) {
    y ^= y >> 16;
    y *= 0x85ebca6bu;
    y ^= y >> 13;
    y *= 0xc2b2ae35u;
    y ^= y >> 16;
    return y;
}

static void minhash_portable(const uint32_t *shingles, size_t count, const uint32_t *seeds, size_t lanes, uint32_t *mins) {
    for (size_t i = 0; i < count; i++) {
        uint32_t x = shingles[i];
        for (size_t l = 0; l < lanes; l++) {
            uint32_t y = fmix32(x ^ seeds[l]);
            if (y < mins[l]) mins[l] = y;
        }
    }
}

#if defined(__x86_64__)
// fmix32(x ^ s) begins with y = x ^ s; y ^= y >> 16. A logical shift distributes over XOR, so
// that is (x ^ (x >> 16)) ^ (s ^ (s >> 16)): the shingle's half is worked out once for all lanes
// and each lane's seed half once a call (`fold16`), and a lane's first step is one XOR. The rest
// of fmix32 follows as it is, so every value is fmix32(x ^ s) to the bit.
static inline uint32_t fold16(uint32_t v) { return v ^ (v >> 16); }

/// fmix32(x ^ s) for eight lanes from (x ^ x >> 16) ^ (s ^ s >> 16): its steps after the first.
__attribute__((target("avx2")))
static inline __m256i fmix32x8_after_first(__m256i y) {
    y = _mm256_mullo_epi32(y, _mm256_set1_epi32((int)0x85ebca6bu));
    y = _mm256_xor_si256(y, _mm256_srli_epi32(y, 13));
    y = _mm256_mullo_epi32(y, _mm256_set1_epi32((int)0xc2b2ae35u));
    return _mm256_xor_si256(y, _mm256_srli_epi32(y, 16));
}

__attribute__((target("avx2")))
static inline __m256i folded_seeds(const uint32_t *seeds) {
    __m256i s = _mm256_loadu_si256((const __m256i *)seeds);
    return _mm256_xor_si256(s, _mm256_srli_epi32(s, 16));
}

__attribute__((target("avx2")))
static void minhash_avx2(const uint32_t *shingles, size_t count, const uint32_t *seeds, size_t lanes, uint32_t *mins) {
    size_t g = 0;
    // Four groups of eight lanes per pass over the shingles (the default 27 permutations
    // padded to 32): four independent chains, and a shingle's half broadcast once for all.
    for (; g + 32 <= lanes; g += 32) {
        __m256i s0 = folded_seeds(seeds + g), s1 = folded_seeds(seeds + g + 8);
        __m256i s2 = folded_seeds(seeds + g + 16), s3 = folded_seeds(seeds + g + 24);
        __m256i m0 = _mm256_loadu_si256((const __m256i *)(mins + g));
        __m256i m1 = _mm256_loadu_si256((const __m256i *)(mins + g + 8));
        __m256i m2 = _mm256_loadu_si256((const __m256i *)(mins + g + 16));
        __m256i m3 = _mm256_loadu_si256((const __m256i *)(mins + g + 24));
        for (size_t i = 0; i < count; i++) {
            __m256i x = _mm256_set1_epi32((int)fold16(shingles[i]));
            m0 = _mm256_min_epu32(m0, fmix32x8_after_first(_mm256_xor_si256(x, s0)));
            m1 = _mm256_min_epu32(m1, fmix32x8_after_first(_mm256_xor_si256(x, s1)));
            m2 = _mm256_min_epu32(m2, fmix32x8_after_first(_mm256_xor_si256(x, s2)));
            m3 = _mm256_min_epu32(m3, fmix32x8_after_first(_mm256_xor_si256(x, s3)));
        }
        _mm256_storeu_si256((__m256i *)(mins + g), m0);
        _mm256_storeu_si256((__m256i *)(mins + g + 8), m1);
        _mm256_storeu_si256((__m256i *)(mins + g + 16), m2);
        _mm256_storeu_si256((__m256i *)(mins + g + 24), m3);
    }
    // Two groups of eight lanes per pass: two independent chains.
    for (; g + 16 <= lanes; g += 16) {
        __m256i s0 = folded_seeds(seeds + g);
        __m256i s1 = folded_seeds(seeds + g + 8);
        __m256i m0 = _mm256_loadu_si256((const __m256i *)(mins + g));
        __m256i m1 = _mm256_loadu_si256((const __m256i *)(mins + g + 8));
        for (size_t i = 0; i < count; i++) {
            __m256i x = _mm256_set1_epi32((int)fold16(shingles[i]));
            m0 = _mm256_min_epu32(m0, fmix32x8_after_first(_mm256_xor_si256(x, s0)));
            m1 = _mm256_min_epu32(m1, fmix32x8_after_first(_mm256_xor_si256(x, s1)));
        }
        _mm256_storeu_si256((__m256i *)(mins + g), m0);
        _mm256_storeu_si256((__m256i *)(mins + g + 8), m1);
    }
    for (; g < lanes; g += 8) {
        __m256i s = folded_seeds(seeds + g);
        __m256i m = _mm256_loadu_si256((const __m256i *)(mins + g));
        for (size_t i = 0; i < count; i++) {
            m = _mm256_min_epu32(m, fmix32x8_after_first(_mm256_xor_si256(_mm256_set1_epi32((int)fold16(shingles[i])), s)));
        }
        _mm256_storeu_si256((__m256i *)(mins + g), m);
    }
}

static int has_avx2(void) {
    static int cached = -1;
    if (cached < 0) {
        unsigned a, b, c, d;
        int avx2 = __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 5));
        // The OS must save the YMM registers (OSXSAVE, then XCR0 bits 1 and 2).
        int osxsave = __get_cpuid(1, &a, &b, &c, &d) && (c & (1u << 27));
        int ymm = 0;
        if (osxsave) {
            unsigned lo, hi;
            __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
            ymm = (lo & 6) == 6;
        }
        cached = avx2 && ymm;
    }
    return cached;
}
#endif

void tm_minhash(const uint32_t *shingles, size_t count, const uint32_t *seeds, size_t lanes, uint32_t *mins) {
#if defined(__x86_64__)
    if (lanes % 8 == 0 && has_avx2()) { minhash_avx2(shingles, count, seeds, lanes, mins); return; }
#endif
    minhash_portable(shingles, count, seeds, lanes, mins);
}

void tm_minhash_portable(const uint32_t *shingles, size_t count, const uint32_t *seeds, size_t lanes, uint32_t *mins) {
    minhash_portable(shingles, count, seeds, lanes, mins);
}
