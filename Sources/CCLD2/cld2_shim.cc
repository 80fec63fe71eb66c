// libcld2's header needs <cstdio> first (it uses FILE without including it).
#include <cstdio>
#include <cstring>
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <cld2/internal/lang_script.h>
#include "cld2_shim.h"

namespace {
/// Copies libcld2's code for `language` into `out` (size 16), "un" when it has none.
void copyCode(CLD2::Language language, char out[16]) {
    const char *code = CLD2::LanguageCode(language);
    if (code == nullptr) code = "un";
    std::strncpy(out, code, 15);
    out[15] = '\0';
}
}

extern "C" int tm_cld2_detect(const char *text, int length, int best_effort, tm_cld2_result *out) {
    if (text == nullptr || out == nullptr || length < 0) return -1;
    CLD2::CLDHints hints = {nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
    CLD2::Language languages[3] = {CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE};
    int percent[3] = {0, 0, 0};
    double scores[3] = {0, 0, 0};
    int textBytes = 0;
    bool reliable = false;
    int validPrefix = 0;
    int flags = best_effort ? CLD2::kCLDFlagBestEffort : 0;
    try {
        CLD2::ExtDetectLanguageSummaryCheckUTF8(text, length, true, &hints, flags, languages, percent, scores,
                                                nullptr, &textBytes, &reliable, &validPrefix);
    } catch (...) {
        return -1;
    }
    for (int i = 0; i < 3; i++) {
        copyCode(languages[i], out->code[i]);
        out->percent[i] = percent[i];
        out->normalized_score[i] = scores[i];
    }
    out->text_bytes = textBytes;
    out->reliable = reliable ? 1 : 0;
    out->valid_prefix_bytes = validPrefix;
    return 0;
}

extern "C" int tm_cld2_language_count(void) { return CLD2::NUM_LANGUAGES; }

extern "C" const char *tm_cld2_language_code(int index) {
    if (index < 0 || index >= CLD2::NUM_LANGUAGES) return nullptr;
    return CLD2::LanguageCode(static_cast<CLD2::Language>(index));
}

extern "C" const char *tm_cld2_code_for_name(const char *name) {
    if (name == nullptr) return nullptr;
    CLD2::Language language = CLD2::GetLanguageFromName(name);
    if (language == CLD2::UNKNOWN_LANGUAGE) return nullptr;
    return CLD2::LanguageCode(language);
}
