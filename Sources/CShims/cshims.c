#define _GNU_SOURCE
#include "cshims.h"
#include <errno.h>
#include <unistd.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>

int tm_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int tm_child_has_exited(pid_t pid) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    for (;;) {
        if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0) return info.si_pid == pid ? 1 : 0;
        if (errno != EINTR) return -1;
    }
}

int tm_copy_range(int in, long long inOffset, int out, long long length) {
    off_t off = (off_t)inOffset;
    long long left = length;
    while (left > 0) {
        ssize_t n = copy_file_range(in, &off, out, NULL, (size_t)left, 0);
        if (n > 0) { left -= n; continue; }
        if (n == 0) return EIO;
        if (errno == EINTR) continue;
        if (errno == EXDEV || errno == ENOSYS || errno == EINVAL || errno == EOPNOTSUPP) break;
        return errno;
    }
    if (left == 0) return 0;
    /* Fallback: plain reads and writes. */
    size_t size = 1 << 20;
    char *buf = malloc(size);
    if (!buf) return ENOMEM;
    while (left > 0) {
        ssize_t r = pread(in, buf, left < (long long)size ? (size_t)left : size, off);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) { free(buf); return r == 0 ? EIO : errno; }
        ssize_t w = 0;
        while (w < r) {
            ssize_t k = write(out, buf + w, (size_t)(r - w));
            if (k < 0 && errno == EINTR) continue;
            if (k < 0) { int e = errno; free(buf); return e; }
            w += k;
        }
        off += r;
        left -= r;
    }
    free(buf);
    return 0;
}
