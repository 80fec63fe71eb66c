#ifndef TEXTMILL_CDEFLATE_SHIM_H
#define TEXTMILL_CDEFLATE_SHIM_H
/// libdeflate: whole-buffer DEFLATE, zlib and gzip decompression, two to three times faster than
/// zlib's inflate. TextMill uses it for WARC records, one gzip member each.
#include <libdeflate.h>
#endif
