#!/usr/bin/env python3
"""anonymous_peak.py COMMAND [ARG]...: runs COMMAND (stdout and stderr to /dev/null) and prints
"STATUS KILOBYTES HOW": its exit status and the peak of its anonymous memory.

HOW is "anonymous": the command runs under ptrace, stopped at each of its system calls (every
thread's) and at its exit, and RssAnon + VmSwap is read at each stop. Anonymous memory grows
only as pages are touched and shrinks only by a system call (munmap, brk, madvise, mremap) or
the exit, so its largest value at those stops is its peak, whatever the allocator does. Peak
RSS (ru_maxrss) also counts the pages of the binary and its libraries, about 28 MB for the
debug textmill, which the kernel maps more or fewer of as the memory of the machine moves (it
reclaims them under pressure): a difference of two peaks moved with the load on the machine.

HOW is "maxrss" when the system refuses ptrace: ru_maxrss from wait4, as before.
"""
import ctypes
import os
import re
import signal
import sys

PTRACE_TRACEME, PTRACE_SYSCALL, PTRACE_SETOPTIONS = 0, 24, 0x4200
OPTIONS = 0x01 | 0x08 | 0x40  # TRACESYSGOOD, TRACECLONE, TRACEEXIT
WALL = 0x40000000
EVENT_STOPS = {signal.SIGTRAP | 0x80}  # a system call (TRACESYSGOOD)


def anonymous_kilobytes(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            text = f.read()
    except OSError:
        return 0
    total = 0
    for name in ("RssAnon", "VmSwap"):
        found = re.search(name + r":\s+(\d+)", text)
        total += int(found.group(1)) if found else 0
    return total


def main(argv):
    libc = ctypes.CDLL(None, use_errno=True)
    libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
    libc.ptrace.restype = ctypes.c_long
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(ready_r)
        traced = libc.ptrace(PTRACE_TRACEME, 0, None, None) == 0
        os.write(ready_w, b"1" if traced else b"0")
        os.close(ready_w)
        null = os.open("/dev/null", os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        try:
            os.execv(argv[0], argv)
        finally:
            os._exit(127)
    os.close(ready_w)
    traced = os.read(ready_r, 1) == b"1"
    os.close(ready_r)
    if not traced:
        _, status, usage = os.wait4(pid, 0)
        print(os.waitstatus_to_exitcode(status) % 256, usage.ru_maxrss, "maxrss")
        return
    peak = 0
    exit_code = None
    started = False
    while True:
        try:
            tid, status = os.waitpid(-1, WALL)
        except ChildProcessError:
            break
        if os.WIFEXITED(status) or os.WIFSIGNALED(status):
            if tid == pid:
                exit_code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)
            continue
        stop = os.WSTOPSIG(status)
        deliver = 0
        if not started:
            # The stop at exec: follow every thread, stop at each system call and at the exit.
            started = True
            libc.ptrace(PTRACE_SETOPTIONS, tid, None, ctypes.c_void_p(OPTIONS))
        elif stop in EVENT_STOPS or (stop == signal.SIGTRAP and status >> 16 != 0):
            peak = max(peak, anonymous_kilobytes(pid))
        elif stop == signal.SIGSTOP and status >> 16 == 0:
            pass  # a new thread's first stop
        else:
            deliver = stop
        libc.ptrace(PTRACE_SYSCALL, tid, None, ctypes.c_void_p(deliver))
    print(exit_code, peak, "anonymous")


if __name__ == "__main__":
    main(sys.argv[1:])
