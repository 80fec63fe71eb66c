#ifndef TEXTMILL_CSHIMS_H
#define TEXTMILL_CSHIMS_H
#include <stddef.h>
#include <sys/types.h>

/// Copies `length` bytes from `in` at `inOffset` to the end of `out` inside the kernel
/// (copy_file_range, falling back to read/write). Returns 0 or an errno value.
int tm_copy_range(int in, long long inOffset, int out, long long length);
/// Asks the kernel to start writing `length` bytes of `fd` from `offset` to the disk now, without
/// waiting for them (Linux: sync_file_range with SYNC_FILE_RANGE_WRITE), so a later fsync has
/// less left to wait for. Durability still comes from that fsync only. Returns 0 or an errno
/// value (ENOSYS where the system has no such call).
int tm_start_writeback(int fd, long long offset, long long length);
/// pipe2(fds, O_CLOEXEC): both ends close-on-exec from the start (Swift's Glibc does not
/// export pipe2). Returns 0 or -1 with errno set.
int tm_pipe_cloexec(int fds[2]);
/// pthread_setname_np(pthread_self(), name): the calling thread's name where the system shows
/// threads (/proc/PID/task/TID/comm; Swift's Glibc does not export this GNU call). At most 15
/// bytes. Returns 0 or an errno value (ERANGE for a longer name).
int tm_name_this_thread(const char *name);
/// memmem(haystack, haystackLength, needle, needleLength): the first place `needle` occurs in
/// `haystack`, or NULL (Swift's Glibc does not export this GNU call). glibc's two-way search
/// takes time linear in both lengths whatever the bytes are.
const void *tm_memmem(const void *haystack, size_t haystackLength, const void *needle, size_t needleLength);
#include <spawn.h>
/// posix_spawn_file_actions_addclosefrom_np(actions, from): the spawned program starts with every
/// descriptor from `from` up closed (Swift's Glibc does not export this GNU call). Returns 0 or
/// an errno value.
int tm_spawn_close_from(posix_spawn_file_actions_t *actions, int from);
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
#include <signal.h>
/// Opens the window in which a plugin is started and registered: blocks the fatal signals in
/// this thread (the old mask goes to `saved`) and counts the spawn, which a fatal signal's
/// handler waits for before ending the plugins' groups. Close it with tm_plugin_spawn_end.
void tm_plugin_spawn_begin(sigset_t *saved);
/// Closes the window tm_plugin_spawn_begin opened and restores the thread's mask.
void tm_plugin_spawn_end(const sigset_t *saved);
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
/// JSON string kernels (jsonstring.c), sixteen bytes at a time with SSE2 where the CPU has it.
/// Escapes valid UTF-8 at `s` (`n` bytes) as the inside of a JSON string, as JSONWriter does
/// ('"', '\\', control bytes, the C1 controls U+0080-U+009F, U+2028 and U+2029), into `dst`
/// while more than 6 of its `cap` bytes are left: returns the bytes written, at most `cap - 1`
/// (a byte is always left for the closing quote), and sets `*consumed` to the input bytes read
/// (some whenever `cap` is 7 or more).
size_t tm_json_escape(const uint8_t *s, size_t n, size_t *consumed, uint8_t *dst, size_t cap);
/// Writes a short string that needs no escape with its quotes: when none of the `n` bytes at `s`
/// is one `tm_json_escape` looks at, writes '"', the bytes and '"' at `dst` (room for `n + 2`)
/// and returns `n + 2`; else returns 0, having written at most those `n + 2` bytes.
size_t tm_json_quote_plain(const uint8_t *s, size_t n, uint8_t *dst);
/// Reads a JSON string's content at `s` (just after its opening quote, `n` bytes left): the
/// offset of its closing quote, and in `*decoded` its length once decoded, when the string is
/// valid UTF-8 with only two-byte escapes (\" \\ \/ \b \f \n \r \t); -1 for anything else
/// (a \u escape, a control byte, bad UTF-8 or escape, no closing quote), which the caller reads
/// the long way.
long tm_json_string_scan(const uint8_t *s, size_t n, size_t *decoded);
/// Decodes the `end` bytes of a string `tm_json_string_scan` took into the `decoded` bytes at `dst`.
void tm_json_string_decode(const uint8_t *s, size_t end, uint8_t *dst, size_t decoded);
/// `tm_json_string_scan` and `tm_json_string_decode` in one pass: takes the same strings and
/// returns the same offset, decoding into `dst`, which must hold `n` bytes (what it holds after
/// -1 is of no use).
long tm_json_string_read(const uint8_t *s, size_t n, uint8_t *dst, size_t *decoded);
/// The UTF-8 scalars that start in `text[from ..< to]` (the bytes that are not continuation
/// bytes); may read `text[to - 16 ..< to]` when `to` is 16 or more.
size_t tm_utf8_scalars(const uint8_t *text, size_t from, size_t to);
/// The GNU build id of the running executable (the linker's hash of its contents, from its
/// NT_GNU_BUILD_ID note, read in memory through dl_iterate_phdr: no file is opened), copied into
/// `out` up to `capacity` bytes. Returns the bytes copied, 0 when the executable has none.
size_t tm_build_id(unsigned char *out, size_t capacity);
/// The id of the mount `path` (followed through links) is on (statx's STATX_MNT_ID, Linux 5.8):
/// 0 and `*id` set, or -1 with errno (ENOSYS where the kernel does not give it). Two folders of
/// one file system under two mounts (a bind mount) share `st_dev`, yet rename(2) between them
/// fails with EXDEV.
int tm_mount_id(const char *path, unsigned long long *id);

#endif
