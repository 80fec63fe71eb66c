#define _GNU_SOURCE
#include "cshims.h"
#include <errno.h>
#include <unistd.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <signal.h>
#include <pthread.h>
#include <time.h>

int tm_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

int tm_name_this_thread(const char *name) { return pthread_setname_np(pthread_self(), name); }

const void *tm_memmem(const void *haystack, size_t haystackLength, const void *needle, size_t needleLength) {
    return memmem(haystack, haystackLength, needle, needleLength);
}

int tm_spawn_close_from(posix_spawn_file_actions_t *actions, int from) {
    return posix_spawn_file_actions_addclosefrom_np(actions, from);
}

int tm_child_has_exited(pid_t pid) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    for (;;) {
        if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0) return info.si_pid == pid ? 1 : 0;
        if (errno != EINTR) return -1;
    }
}

/* Process groups of running plugins, ended by a fatal signal to TextMill (the plugins are not
   in the terminal's foreground group, so Ctrl-C does not reach them). Slots hold a pgid or 0. */
#define TM_PLUGIN_GROUPS 4096
static int tm_plugin_groups[TM_PLUGIN_GROUPS];
static const int tm_fatal_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

/* What a fatal SIGINT or SIGTERM prints first (set by the command line; NULL: nothing). */
static const char *tm_interrupt_notice = NULL;

/* Plugins started and not registered yet (between posix_spawn and tm_plugin_group_add). A fatal
   signal handled in that window left the new plugin running after TextMill ended (seen under
   load: a plugin's copy spawned as SIGTERM came). The spawning thread blocks the fatal signals
   for the window (tm_plugin_spawn_begin/end), so the handler runs on another thread and waits
   for such spawns to register before it ends the groups a second time. */
static int tm_spawns_in_progress = 0;

static void tm_kill_plugin_groups(void) {
    for (int k = 0; k < TM_PLUGIN_GROUPS; k++) {
        int pgid = __atomic_load_n(&tm_plugin_groups[k], __ATOMIC_SEQ_CST);
        if (pgid > 0) kill(-pgid, SIGKILL);
    }
}

static void tm_end_plugin_groups(int sig) {
    const char *notice = __atomic_load_n(&tm_interrupt_notice, __ATOMIC_SEQ_CST);
    if (notice && (sig == SIGINT || sig == SIGTERM)) {
        ssize_t ignored = write(2, notice, strlen(notice));
        (void)ignored;
    }
    tm_kill_plugin_groups();
    /* A plugin being started registers within moments; wait for it (at most 5 s) and end it too. */
    struct timespec step = { 0, 1000000 };
    for (int waited = 0; waited < 5000 && __atomic_load_n(&tm_spawns_in_progress, __ATOMIC_SEQ_CST) > 0; waited++) nanosleep(&step, NULL);
    tm_kill_plugin_groups();
    /* SA_RESETHAND restored the default action: once this returns, the signal ends TextMill. */
    raise(sig);
}

static void tm_install_plugin_group_handlers(void) {
    for (size_t k = 0; k < sizeof tm_fatal_signals / sizeof tm_fatal_signals[0]; k++) {
        struct sigaction old;
        /* A signal the parent ignored (nohup, a background job) stays ignored. Any other handler
           is replaced: Swift's runtime takes SIGQUIT for its crash backtrace, which printed
           "Program crashed", left the plugins running and exited with status 0. */
        if (sigaction(tm_fatal_signals[k], NULL, &old) != 0 || (!(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_IGN)) continue;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = tm_end_plugin_groups;
        action.sa_flags = SA_RESETHAND;
        sigemptyset(&action.sa_mask);
        sigaction(tm_fatal_signals[k], &action, NULL);
    }
}

static pthread_once_t tm_handlers_once = PTHREAD_ONCE_INIT;

void tm_on_interrupt(const char *notice) {
    __atomic_store_n(&tm_interrupt_notice, notice, __ATOMIC_SEQ_CST);
    pthread_once(&tm_handlers_once, tm_install_plugin_group_handlers);
}

void tm_plugin_spawn_begin(sigset_t *saved) {
    pthread_once(&tm_handlers_once, tm_install_plugin_group_handlers);
    sigset_t fatal;
    sigemptyset(&fatal);
    for (size_t k = 0; k < sizeof tm_fatal_signals / sizeof tm_fatal_signals[0]; k++) sigaddset(&fatal, tm_fatal_signals[k]);
    pthread_sigmask(SIG_BLOCK, &fatal, saved);
    __atomic_add_fetch(&tm_spawns_in_progress, 1, __ATOMIC_SEQ_CST);
}

void tm_plugin_spawn_end(const sigset_t *saved) {
    __atomic_sub_fetch(&tm_spawns_in_progress, 1, __ATOMIC_SEQ_CST);
    pthread_sigmask(SIG_SETMASK, saved, NULL);
}

int tm_plugin_group_add(pid_t pgid) {
    pthread_once(&tm_handlers_once, tm_install_plugin_group_handlers);
    for (int k = 0; k < TM_PLUGIN_GROUPS; k++) {
        int empty = 0;
        if (__atomic_compare_exchange_n(&tm_plugin_groups[k], &empty, (int)pgid, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) return 0;
    }
    return -1;
}

void tm_plugin_group_remove(pid_t pgid) {
    for (int k = 0; k < TM_PLUGIN_GROUPS; k++) {
        int expected = (int)pgid;
        if (__atomic_compare_exchange_n(&tm_plugin_groups[k], &expected, 0, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) return;
    }
}

int tm_start_writeback(int fd, long long offset, long long length) {
#if defined(__linux__)
    for (;;) {
        if (sync_file_range(fd, (off_t)offset, (off_t)length, SYNC_FILE_RANGE_WRITE) == 0) return 0;
        if (errno != EINTR) return errno;
    }
#else
    (void)fd; (void)offset; (void)length;
    return ENOSYS;
#endif
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

int tm_mount_id(const char *path, unsigned long long *id) {
    struct statx s;
    if (statx(AT_FDCWD, path, 0, STATX_MNT_ID, &s) != 0) return -1;
    if (!(s.stx_mask & STATX_MNT_ID)) {
        errno = ENOSYS;
        return -1;
    }
    *id = s.stx_mnt_id;
    return 0;
}
