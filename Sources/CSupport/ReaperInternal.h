// What the two halves of the reaper (Reaper.c, ReaperKill.c) share; not part of the module's
// interface.
#ifndef TUTORIAL_REAPER_INTERNAL_H
#define TUTORIAL_REAPER_INTERNAL_H

#include <stddef.h>
#include <sys/types.h>

/// The reaper's descriptors: the control pipe, the report pipe, the program's output (two pipes,
/// or the two sockets of one ordered stream).
/// PROCS and KILL are the run's cgroup's `cgroup.procs` and `cgroup.kill`, when it has one; IN
/// the program's standard input, when it has one.
enum { CONTROL = 3, REPORT = 4, OUT = 5, ERR = 6, PROCS = 7, KILL = 8, IN = 9, FIRST_FREE = 10 };

/// Appends `text` (or a number) to `line`, of capacity `size`, keeping it NUL-terminated.
void tutorial_reaper_append(char *line, size_t size, const char *text);
void tutorial_reaper_append_number(char *line, size_t size, long long value);

/// Writes a whole report line to the tool.
void tutorial_reaper_report(const char *line);

/// Kills the session `leader` led and every descendant of the reaper, until none is left, and
/// everything in the run's cgroup, if it has one. With `tell`, reports each process killed.
void tutorial_reaper_kill_everything(pid_t leader, int tell);

#endif
