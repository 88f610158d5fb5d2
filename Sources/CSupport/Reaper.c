// The reaper: a process forked from the tool for each program it runs. It becomes a child
// subreaper, starts the program in a session of its own, waits for it, then kills and reaps every
// process the program left, whatever its session: orphans are re-parented to the reaper, not to
// init. It reports to the tool over a pipe, one line per event:
//   started PID | exec-failed ERRNO | exited CODE MAXRSS_KIB | signaled SIGNAL MAXRSS_KIB
//   killed PID COMMAND LINE | done
// Closing the control pipe (the tool died) or writing a byte to it (a time limit) makes it kill
// the program and everything it started at once.
//
// The reaper is forked from a multithreaded process and never calls exec itself, so it uses only
// async-signal-safe system calls: no malloc, no stdio, no locks.
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "CSupport.h"

enum { CONTROL = 3, REPORT = 4, OUT = 5, ERR = 6, FIRST_FREE = 7, MAX_KILLED = 64 };

static size_t length(const char *text) {
    size_t count = 0;
    while (text[count]) count++;
    return count;
}

/// Appends `text` to `line` (of capacity `size`), keeping it NUL-terminated.
static void append(char *line, size_t size, const char *text) {
    size_t used = length(line);
    while (*text && used + 1 < size) line[used++] = *text++;
    line[used] = 0;
}

static void append_number(char *line, size_t size, long long value) {
    char digits[24];
    int count = 0;
    unsigned long long magnitude = value < 0 ? (unsigned long long)(-value) : (unsigned long long)value;
    do { digits[count++] = (char)('0' + magnitude % 10); magnitude /= 10; } while (magnitude);
    char text[26];
    int at = 0;
    if (value < 0) text[at++] = '-';
    while (count) text[at++] = digits[--count];
    text[at] = 0;
    append(line, size, text);
}

static void report(const char *line) {
    size_t left = length(line);
    while (left > 0) {
        ssize_t written = write(REPORT, line, left);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) return;
        line += written;
        left -= (size_t)written;
    }
}

/// Reads a small /proc file into `buffer`; returns the byte count, or -1.
static ssize_t read_file(const char *path, char *buffer, size_t size) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t total = 0;
    while ((size_t)total < size - 1) {
        ssize_t count = read(fd, buffer + total, size - 1 - (size_t)total);
        if (count < 0 && errno == EINTR) continue;
        if (count <= 0) break;
        total += count;
    }
    close(fd);
    buffer[total] = 0;
    return total;
}

/// The state, parent and session of a process from /proc/PID/stat; 0 when it is gone.
static int process_info(const char *pid, char *state, long *parent, long *session) {
    char path[64] = "/proc/", stat[512];
    append(path, sizeof path, pid);
    append(path, sizeof path, "/stat");
    if (read_file(path, stat, sizeof stat) <= 0) return 0;
    char *field = stat, *end = stat + length(stat);
    for (char *at = stat; at < end; at++) if (*at == ')') field = at + 1;  // after the last ')'
    // " S PPID PGRP SESSION"
    long values[3] = {0, 0, 0};
    int index = -1;
    for (char *at = field; at < end && index < 4; at++) {
        if (*at == ' ') { index++; continue; }
        if (index == 0) *state = *at;
        else if (index >= 1 && *at >= '0' && *at <= '9') values[index - 1] = values[index - 1] * 10 + (*at - '0');
    }
    *parent = values[0];
    *session = values[2];
    return 1;
}

/// Reports the command line of `pid` as killed, once per process. Returns 0 when the command line
/// cannot be read yet (the process is between the two halves of an exec) and `round` is early: the
/// caller waits for it, and kills it in a later round.
static int report_killed(long pid, const char *name, long *reported, int *count, int round) {
    for (int index = 0; index < *count; index++) if (reported[index] == pid) return 1;
    char path[64] = "/proc/", command[256], line[320] = "killed ";
    append(path, sizeof path, name);
    append(path, sizeof path, "/cmdline");
    ssize_t size = read_file(path, command, sizeof command);
    if (size <= 0) {
        if (round < 50) return 0;
        char comm[64] = "/proc/";
        append(comm, sizeof comm, name);
        append(comm, sizeof comm, "/comm");
        size = read_file(comm, command, sizeof command);
        if (size <= 0) return 1;
    }
    if (*count >= MAX_KILLED) return 1;
    reported[(*count)++] = pid;
    for (ssize_t at = 0; at < size; at++) if (command[at] == 0 || command[at] == '\n' || command[at] == '\r') command[at] = ' ';
    while (size > 0 && command[size - 1] == ' ') command[--size] = 0;
    append_number(line, sizeof line, pid);
    append(line, sizeof line, " ");
    append(line, sizeof line, command);
    append(line, sizeof line, "\n");
    report(line);
    return 1;
}

/// Kills the session `leader` led and every descendant of the reaper, until none is left. With
/// `tell`, reports each process killed.
static void kill_everything(pid_t leader, int tell) {
    long reported[MAX_KILLED];
    int count = 0;
    long self = getpid();
    kill(-leader, SIGKILL);
    for (int round = 0; round < 20000; round++) {
        int found = 0;
        int directory = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        char entries[4096];
        long bytes;
        while (directory >= 0 && (bytes = syscall(SYS_getdents64, directory, entries, sizeof entries)) > 0) {
            for (long at = 0; at < bytes;) {
                struct dirent64 *entry = (struct dirent64 *)(entries + at);
                at += entry->d_reclen;
                if (entry->d_name[0] < '1' || entry->d_name[0] > '9') continue;
                char state = 0;
                long parent = 0, session = 0;
                if (!process_info(entry->d_name, &state, &parent, &session)) continue;
                if (state == 'Z' || state == 'X') continue;
                if (parent != self && session != leader) continue;
                long pid = 0;
                for (char *digit = entry->d_name; *digit; digit++) pid = pid * 10 + (*digit - '0');
                if (pid == self) continue;
                found++;
                if (tell && !report_killed(pid, entry->d_name, reported, &count, round)) continue;
                kill((pid_t)pid, SIGKILL);
            }
        }
        if (directory >= 0) close(directory);
        int status;
        while (waitpid(-1, &status, WNOHANG) > 0) {}
        if (!found && waitpid(-1, &status, WNOHANG) < 0 && errno == ECHILD) return;
        usleep(found ? 200 : 1000);
    }
}

static void report_status(int status, const struct rusage *usage) {
    char line[96] = "";
    if (WIFSIGNALED(status)) {
        append(line, sizeof line, "signaled ");
        append_number(line, sizeof line, WTERMSIG(status));
    } else {
        append(line, sizeof line, "exited ");
        append_number(line, sizeof line, WEXITSTATUS(status));
    }
    append(line, sizeof line, " ");
    append_number(line, sizeof line, usage->ru_maxrss);
    append(line, sizeof line, "\n");
    report(line);
}

/// Runs in the program's process, between fork and exec.
static void start_program(const struct tutorial_spawn *spawn, int failure) {
    setsid();
    if (spawn->memory_limit > 0) {
        struct rlimit limit = {(rlim_t)spawn->memory_limit, (rlim_t)spawn->memory_limit};
        setrlimit(RLIMIT_DATA, &limit);
    }
    int input = open("/dev/null", O_RDONLY);
    if (input >= 0 && input != 0) { dup2(input, 0); close(input); }
    dup2(OUT, 1);
    dup2(ERR, 2);
    close(OUT);
    close(ERR);
    close(CONTROL);
    close(REPORT);
    for (int signal = 1; signal < NSIG; signal++) {
        if (signal != SIGKILL && signal != SIGSTOP) (void)sigaction(signal, &(struct sigaction){.sa_handler = SIG_DFL}, NULL);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    int error = 0;
    if (spawn->directory && chdir(spawn->directory) != 0) error = errno;
    if (!error) {
        execve(spawn->path, spawn->arguments, spawn->environment);
        error = errno;
    }
    ssize_t ignored = write(failure, &error, sizeof error);
    (void)ignored;
    _exit(127);
}

/// Moves the four descriptors the reaper keeps to 3...6 and closes every other one: it must not
/// hold the pipes of programs that other reapers run.
static void keep_only(int control, int report_fd, int out, int err) {
    int wanted[4] = {control, report_fd, out, err};
    int moved[4];
    for (int index = 0; index < 4; index++) moved[index] = fcntl(wanted[index], F_DUPFD, 16);
    for (int index = 0; index < 4; index++) dup2(moved[index], CONTROL + index);
    if (syscall(SYS_close_range, FIRST_FREE, ~0U, 0) != 0) {
        struct rlimit files;
        long top = getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < 65536 ? (long)files.rlim_cur : 65536;
        for (long fd = FIRST_FREE; fd < top; fd++) close((int)fd);
    }
}

static void reap(const struct tutorial_spawn *spawn, int control, int report_fd) {
    keep_only(control, report_fd, spawn->stdout_fd, spawn->stderr_fd);
    fcntl(CONTROL, F_SETFD, FD_CLOEXEC);
    fcntl(REPORT, F_SETFD, FD_CLOEXEC);
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    // A tool that is gone must not kill the reaper through its report pipe.
    (void)sigaction(SIGPIPE, &(struct sigaction){.sa_handler = SIG_IGN}, NULL);
    sigset_t children;
    sigemptyset(&children);
    sigaddset(&children, SIGCHLD);
    sigprocmask(SIG_BLOCK, &children, NULL);
    int exited = signalfd(-1, &children, SFD_CLOEXEC | SFD_NONBLOCK);
    int failure[2];
    if (pipe2(failure, O_CLOEXEC) != 0) { report("exec-failed 24\ndone\n"); _exit(1); }
    pid_t leader = fork();
    if (leader == 0) start_program(spawn, failure[1]);
    close(OUT);
    close(ERR);
    close(failure[1]);
    if (leader < 0) { report("exec-failed 11\ndone\n"); _exit(1); }
    int error = 0;
    ssize_t got;
    do { got = read(failure[0], &error, sizeof error); } while (got < 0 && errno == EINTR);
    close(failure[0]);
    char line[64] = "";
    if (got == sizeof error) {
        waitpid(leader, NULL, 0);
        append(line, sizeof line, "exec-failed ");
        append_number(line, sizeof line, error);
        append(line, sizeof line, "\ndone\n");
        report(line);
        _exit(0);
    }
    append(line, sizeof line, "started ");
    append_number(line, sizeof line, leader);
    append(line, sizeof line, "\n");
    report(line);
    for (;;) {
        struct pollfd watched[2] = {{CONTROL, POLLIN, 0}, {exited, POLLIN, 0}};
        poll(watched, exited >= 0 ? 2 : 1, exited >= 0 ? 250 : 5);
        if (exited >= 0 && (watched[1].revents & POLLIN)) {
            struct signalfd_siginfo info;
            while (read(exited, &info, sizeof info) > 0) {}
        }
        int status;
        struct rusage usage;
        pid_t ended;
        int leader_ended = 0;
        while ((ended = wait4(-1, &status, WNOHANG, &usage)) > 0) {
            if (ended == leader) { leader_ended = 1; break; }
        }
        if (leader_ended) {
            report_status(status, &usage);
            kill_everything(leader, 1);
            break;
        }
        if (watched[0].revents) {
            // A time limit passed, or the tool is gone (end of file): everything goes at once.
            kill(-leader, SIGKILL);
            kill(leader, SIGKILL);
            while ((ended = wait4(leader, &status, 0, &usage)) < 0 && errno == EINTR) {}
            report_status(status, &usage);
            kill_everything(leader, 0);
            break;
        }
    }
    report("done\n");
    _exit(0);
}

pid_t tutorial_spawn_reaped(const struct tutorial_spawn *spawn, int *control, int *report_fd) {
    int control_pipe[2], report_pipe[2];
    if (pipe2(control_pipe, O_CLOEXEC) != 0) return -1;
    if (pipe2(report_pipe, O_CLOEXEC) != 0) {
        close(control_pipe[0]);
        close(control_pipe[1]);
        return -1;
    }
    pid_t reaper = fork();
    if (reaper == 0) reap(spawn, control_pipe[0], report_pipe[1]);
    close(control_pipe[0]);
    close(report_pipe[1]);
    if (reaper < 0) {
        close(control_pipe[1]);
        close(report_pipe[0]);
        return -1;
    }
    *control = control_pipe[1];
    *report_fd = report_pipe[0];
    return reaper;
}

int tutorial_set_child_subreaper(void) {
    return prctl(PR_SET_CHILD_SUBREAPER, 1);
}
