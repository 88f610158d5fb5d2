// The reaper's killing half (see Reaper.c): finds, through /proc, every process left in the
// program's session or anywhere under the reaper, reports it, kills it and reaps it. Only
// async-signal-safe calls: the reaper is a fork of a multithreaded process.
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "ReaperInternal.h"

static size_t length(const char *text) {
    size_t count = 0;
    while (text[count]) count++;
    return count;
}

/// Appends `text` to `line` (of capacity `size`), keeping it NUL-terminated.
void tutorial_reaper_append(char *line, size_t size, const char *text) {
    size_t used = length(line);
    while (*text && used + 1 < size) line[used++] = *text++;
    line[used] = 0;
}

void tutorial_reaper_append_number(char *line, size_t size, long long value) {
    char digits[24];
    int count = 0;
    unsigned long long magnitude = value < 0 ? (unsigned long long)(-value) : (unsigned long long)value;
    do { digits[count++] = (char)('0' + magnitude % 10); magnitude /= 10; } while (magnitude);
    char text[26];
    int at = 0;
    if (value < 0) text[at++] = '-';
    while (count) text[at++] = digits[--count];
    text[at] = 0;
    tutorial_reaper_append(line, size, text);
}

void tutorial_reaper_report(const char *line) {
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
    tutorial_reaper_append(path, sizeof path, pid);
    tutorial_reaper_append(path, sizeof path, "/stat");
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

/// Pid sets, one bit per pid: pids stay below PID_MAX_LIMIT (2^22 on 64-bit Linux). Static, since
/// the reaper may not call malloc; untouched pages cost nothing.
enum { PID_LIMIT = 1 << 22, MAX_SCANNED = 32768 };
/// The pids reported as killed.
static unsigned char reported[PID_LIMIT / 8];
/// The pids found under the reaper in the current round.
static unsigned char under[PID_LIMIT / 8];

static int has(const unsigned char *set, long pid) {
    return pid > 0 && pid < PID_LIMIT && ((set[pid >> 3] >> (pid & 7)) & 1);
}

static void put(unsigned char *set, long pid, int on) {
    if (pid <= 0 || pid >= PID_LIMIT) return;
    if (on) set[pid >> 3] |= (unsigned char)(1 << (pid & 7));
    else set[pid >> 3] &= (unsigned char)~(1 << (pid & 7));
}

/// The live processes of one scan of /proc: pid, parent and session.
static long scanned[MAX_SCANNED][3];

/// Reads every live process into `scanned` (as many as fit); returns how many.
static int scan(void) {
    int count = 0;
    int directory = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    char entries[4096];
    long bytes;
    while (directory >= 0 && (bytes = syscall(SYS_getdents64, directory, entries, sizeof entries)) > 0) {
        for (long at = 0; at < bytes && count < MAX_SCANNED;) {
            struct dirent64 *entry = (struct dirent64 *)(entries + at);
            at += entry->d_reclen;
            if (entry->d_name[0] < '1' || entry->d_name[0] > '9') continue;
            char state = 0;
            long parent = 0, session = 0;
            if (!process_info(entry->d_name, &state, &parent, &session)) continue;
            if (state == 'Z' || state == 'X') continue;
            long pid = 0;
            for (char *digit = entry->d_name; *digit; digit++) pid = pid * 10 + (*digit - '0');
            scanned[count][0] = pid;
            scanned[count][1] = parent;
            scanned[count][2] = session;
            count++;
        }
    }
    if (directory >= 0) close(directory);
    return count;
}

/// Marks in `under` every scanned process whose chain of parents leads to `self`, or that is in
/// the program's session: the whole tree, not only the reaper's children.
static void mark_tree(int count, long self, pid_t leader) {
    put(under, self, 1);
    for (int changed = 1; changed;) {
        changed = 0;
        for (int index = 0; index < count; index++) {
            long pid = scanned[index][0];
            if (has(under, pid) || (!has(under, scanned[index][1]) && scanned[index][2] != leader)) continue;
            put(under, pid, 1);
            changed = 1;
        }
    }
}

/// Reports the command line of `pid` as killed, once per process, however many there are.
/// Returns 0 when the command line cannot be read yet (the process is between the two halves of
/// an exec) and `round` is early: the caller waits for it, and kills it in a later round.
static int report_killed(long pid, long round) {
    if (has(reported, pid)) return 1;
    char path[64] = "/proc/", command[256], line[320] = "killed ";
    tutorial_reaper_append_number(path, sizeof path, pid);
    char *end = path + length(path);
    tutorial_reaper_append(path, sizeof path, "/cmdline");
    ssize_t size = read_file(path, command, sizeof command);
    if (size <= 0) {
        if (round < 50) return 0;
        *end = 0;
        tutorial_reaper_append(path, sizeof path, "/comm");
        size = read_file(path, command, sizeof command);
        if (size <= 0) {
            command[0] = '?';
            command[1] = 0;
            size = 1;
        }
    }
    put(reported, pid, 1);
    for (ssize_t at = 0; at < size; at++) if (command[at] == 0 || command[at] == '\n' || command[at] == '\r') command[at] = ' ';
    while (size > 0 && command[size - 1] == ' ') command[--size] = 0;
    if (size == 0) tutorial_reaper_append(command, sizeof command, "?");
    tutorial_reaper_append_number(line, sizeof line, pid);
    tutorial_reaper_append(line, sizeof line, " ");
    tutorial_reaper_append(line, sizeof line, command);
    tutorial_reaper_append(line, sizeof line, "\n");
    tutorial_reaper_report(line);
    return 1;
}

/// Kills round after round, since a process may fork while the others are killed: as many rounds
/// as it takes, until the reaper has no child left. Each round kills the whole tree under the
/// reaper at once. With `tell`, each process is named before it is killed, and the run's cgroup
/// (whose kill would take processes unnamed) is emptied only once a round finds nothing.
void tutorial_reaper_kill_everything(pid_t leader, int tell) {
    long self = getpid();
    if (!tell) kill(-leader, SIGKILL);
    for (long round = 0;; round++) {
        int found = 0, deferred = 0;
        int count = scan();
        mark_tree(count, self, leader);
        for (int index = 0; index < count; index++) {
            long pid = scanned[index][0];
            if (pid == self || !has(under, pid)) continue;
            found++;
            if (tell && !report_killed(pid, round)) { deferred++; continue; }
            kill((pid_t)pid, SIGKILL);
        }
        for (int index = 0; index < count; index++) put(under, scanned[index][0], 0);
        put(under, self, 0);
        if (!deferred && (!tell || !found)) {
            ssize_t killed = write(KILL, "1", 1);  // fails harmlessly (EBADF) without a cgroup
            (void)killed;
        }
        int status;
        pid_t reaped;
        // A reaped pid may be used again, by a process still to be named.
        while ((reaped = waitpid(-1, &status, WNOHANG)) > 0) put(reported, reaped, 0);
        if (!found && waitpid(-1, &status, WNOHANG) < 0 && errno == ECHILD) return;
        usleep(found ? 200 : 1000);
    }
}
