#ifndef TEXTMILL_CLIBXML2_SHIM_H
#define TEXTMILL_CLIBXML2_SHIM_H

/* Debian builds libxml2 with ICU, so <libxml/encoding.h> pulls in ICU's <unicode/ucnv.h>. Swift's
   Foundation ships its own ICU headers (_FoundationICU) whose UErrorCode differs, and the two
   clash when both modules are loaded ("'UErrorCode' has different definitions"). We never touch
   libxml2's ICU converter fields (the last two pointers of xmlCharEncodingHandler, which we only
   see through pointers), so read libxml2's headers as if it had no ICU. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlsave.h>

/// xmlFree is a global function-pointer variable, which Swift 6 refuses as not concurrency-safe.
static inline void tm_xmlFree(void *p) { xmlFree(p); }

/// A structured-error handler that drops the message: libxml2 must never print to stderr.
/// Errors are read back per document with xmlCtxtGetLastError.
static inline void tm_silentStructuredError(void *userData, xmlErrorPtr error) { (void)userData; (void)error; }

static inline void tm_silenceGlobalErrors(void) {
    xmlSetStructuredErrorFunc(NULL, tm_silentStructuredError);
}
#endif
