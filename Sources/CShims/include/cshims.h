#ifndef TEXTMILL_CSHIMS_H
#define TEXTMILL_CSHIMS_H
#include <stddef.h>
#include <sys/types.h>

/// Copies `length` bytes from `in` at `inOffset` to the end of `out` inside the kernel
/// (copy_file_range, falling back to read/write). Returns 0 or an errno value.
int tm_copy_range(int in, long long inOffset, int out, long long length);
/// pipe2(fds, O_CLOEXEC): both ends close-on-exec from the start (Swift's Glibc does not
/// export pipe2). Returns 0 or -1 with errno set.
int tm_pipe_cloexec(int fds[2]);
/// Whether child `pid` has ended, without reaping it (waitid with WNOWAIT): its pid, and so its
/// process group's id, cannot be reused until it is reaped. Returns 1, 0, or -1 with errno set.
int tm_child_has_exited(pid_t pid);
/// Registers a running plugin's process group, to be killed if a fatal signal (SIGINT, SIGTERM,
/// SIGHUP, SIGQUIT left at their default action) ends TextMill; the first call installs the
/// handlers. Returns 0, or -1 when the table is full (that group is then not covered).
int tm_plugin_group_add(pid_t pgid);
/// Installs the fatal-signal handlers (once) and sets what a fatal SIGINT or SIGTERM prints on
/// stderr before the plugins' groups are ended and the signal ends TextMill. `notice` must live forever.
void tm_on_interrupt(const char *notice);
/// Forgets a group registered with tm_plugin_group_add (call before its leader is reaped).
void tm_plugin_group_remove(pid_t pgid);
#include <stdint.h>
/// SHA-256 compression of `blocks` 64-byte blocks into `state` (8 words), with the CPU's SHA
/// instructions when it has them and portable C otherwise.
void tm_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);
/// The portable path alone (tests compare the two).
void tm_sha256_blocks_portable(uint32_t state[8], const uint8_t *data, size_t blocks);
/// MinHash: for each of `lanes` seeds, lowers `mins[l]` to the least MurmurHash3 finalizer
/// (fmix32) of `shingle ^ seeds[l]` over the `count` shingles. With AVX2 when the CPU has it
/// and `lanes` is a multiple of 8, portable C otherwise.
void tm_minhash(const uint32_t *shingles, size_t count, const uint32_t *seeds, size_t lanes, uint32_t *mins);
/// The portable path alone (tests compare the two).
void tm_minhash_portable(const uint32_t *shingles, size_t count, const uint32_t *seeds, size_t lanes, uint32_t *mins);
#endif
