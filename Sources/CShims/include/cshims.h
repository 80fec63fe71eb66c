#ifndef TEXTMILL_CSHIMS_H
#define TEXTMILL_CSHIMS_H
#include <stddef.h>
#include <sys/types.h>

/// Copies `length` bytes from `in` at `inOffset` to the end of `out` inside the kernel
/// (copy_file_range, falling back to read/write). Returns 0 or an errno value.
int tm_copy_range(int in, long long inOffset, int out, long long length);
#endif
