#ifndef TEXTMILL_CLD2_SHIM_H
#define TEXTMILL_CLD2_SHIM_H
/// A C face for libcld2 (the Compact Language Detector 2, whose API is C++), so Swift can call
/// it. One call, no state: libcld2's tables are read-only, so calls may run on several threads.
#ifdef __cplusplus
extern "C" {
#endif

/// What libcld2 says about one text.
typedef struct {
    /// The top three languages' ISO 639 codes ("en", "zh-Hant", "un" for unknown), NUL-terminated.
    char code[3][16];
    /// Share of the text's letters in each of the three languages, 0…100.
    int percent[3];
    /// libcld2's score for each language as a ratio to normal text in it (near 1 = normal).
    double normalized_score[3];
    /// Bytes of letters libcld2 looked at (tags, digits and punctuation are skipped).
    int text_bytes;
    /// 1 when the top language is clearly ahead of the second.
    int reliable;
    /// Leading bytes that are valid UTF-8 (libcld2 gives up at the first invalid byte).
    int valid_prefix_bytes;
} tm_cld2_result;

/// Detects the language of `length` bytes of UTF-8 plain text. `best_effort` asks for an
/// answer even for text too short to be sure of. Returns 0, or -1 when `text` or `out` is NULL
/// or `length` is negative.
int tm_cld2_detect(const char *text, int length, int best_effort, tm_cld2_result *out);

/// How many languages libcld2 knows (its `Language` values, 0 up to this).
int tm_cld2_language_count(void);

/// libcld2's code for language number `index` ("en", "zh-Hant", "xx-Runr"), or NULL when it has
/// none or `index` is out of range. The string is libcld2's own, static.
const char *tm_cld2_language_code(int index);

/// libcld2's code for a language's English name in capitals ("ENGLISH" gives "en"), or NULL when
/// it knows no such name.
const char *tm_cld2_code_for_name(const char *name);

#ifdef __cplusplus
}
#endif
#endif
