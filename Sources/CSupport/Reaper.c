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
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "CSupport.h"

#include "ReaperInternal.h"

static void report_status(int status, const struct rusage *usage) {
    char line[96] = "";
    if (WIFSIGNALED(status)) {
        tutorial_reaper_append(line, sizeof line, "signaled ");
        tutorial_reaper_append_number(line, sizeof line, WTERMSIG(status));
    } else {
        tutorial_reaper_append(line, sizeof line, "exited ");
        tutorial_reaper_append_number(line, sizeof line, WEXITSTATUS(status));
    }
    tutorial_reaper_append(line, sizeof line, " ");
    tutorial_reaper_append_number(line, sizeof line, usage->ru_maxrss);
    tutorial_reaper_append(line, sizeof line, "\n");
    tutorial_reaper_report(line);
}

/// Runs in the program's process, between fork and exec.
static void start_program(const struct tutorial_spawn *spawn, int failure) {
    setsid();
    if (spawn->memory_limit > 0) {
        struct rlimit limit = {(rlim_t)spawn->memory_limit, (rlim_t)spawn->memory_limit};
        setrlimit(RLIMIT_DATA, &limit);
    }
    if (spawn->stdin_fd >= 0) {
        dup2(IN, 0);
        close(IN);
    } else {
        int input = open("/dev/null", O_RDONLY);
        if (input >= 0 && input != 0) { dup2(input, 0); close(input); }
    }
    dup2(OUT, 1);
    dup2(ERR, 2);
    close(OUT);
    close(ERR);
    close(CONTROL);
    close(REPORT);
    // Join the run's cgroup, if there is one: every process the program starts joins it too.
    ssize_t joined = write(PROCS, "0", 1);  // fails harmlessly (EBADF) without a cgroup
    (void)joined;
    close(PROCS);
    close(KILL);
    int limited = tutorial_run_limits_program(spawn->limits);
    if (limited) {
        ssize_t told = write(failure, &limited, sizeof limited);
        (void)told;
        _exit(127);
    }
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

/// Moves the descriptors the reaper keeps to CONTROL...IN and closes every other one: it must
/// not hold the pipes of programs that other reapers run. A missing one (-1) leaves its number
/// closed.
static void keep_only(const int wanted[7]) {
    int moved[7];
    for (int index = 0; index < 7; index++) moved[index] = wanted[index] >= 0 ? fcntl(wanted[index], F_DUPFD, 16) : -1;
    for (int index = 0; index < 7; index++) {
        if (moved[index] >= 0) dup2(moved[index], CONTROL + index);
        else close(CONTROL + index);
    }
    if (syscall(SYS_close_range, FIRST_FREE, ~0U, 0) != 0) {
        struct rlimit files;
        long top = getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < 65536 ? (long)files.rlim_cur : 65536;
        for (long fd = FIRST_FREE; fd < top; fd++) close((int)fd);
    }
}

/// Moves `fd` above the fixed numbers: a slot left empty (no stdin, no cgroup) is the lowest free
/// number, and the reaper closes those slots after it starts the program. A signalfd that landed
/// in IN was closed that way, and poll then returned POLLNVAL at once, forever: the reaper spun
/// on a core for as long as the program ran.
static int above_fixed(int fd) {
    if (fd < 0 || fd >= FIRST_FREE) return fd;
    int moved = fcntl(fd, F_DUPFD_CLOEXEC, FIRST_FREE);
    close(fd);
    return moved;
}

static void reap(const struct tutorial_spawn *spawn, int control, int report_fd) {
    int wanted[7] = {control, report_fd, spawn->stdout_fd, spawn->stderr_fd, spawn->cgroup_procs_fd, spawn->cgroup_kill_fd, spawn->stdin_fd};
    keep_only(wanted);
    fcntl(CONTROL, F_SETFD, FD_CLOEXEC);
    fcntl(REPORT, F_SETFD, FD_CLOEXEC);
    fcntl(KILL, F_SETFD, FD_CLOEXEC);
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    // No core files, of the reaper (a copy of the tool's memory) or of the program, which
    // cannot raise the hard limit again without CAP_SYS_RESOURCE.
    (void)setrlimit(RLIMIT_CORE, &(struct rlimit){0, 0});
    // A tool that is gone must not kill the reaper through its report pipe.
    (void)sigaction(SIGPIPE, &(struct sigaction){.sa_handler = SIG_IGN}, NULL);
    sigset_t children;
    sigemptyset(&children);
    sigaddset(&children, SIGCHLD);
    sigprocmask(SIG_BLOCK, &children, NULL);
    int exited = above_fixed(signalfd(-1, &children, SFD_CLOEXEC | SFD_NONBLOCK));
    int entered = tutorial_run_limits_enter(spawn->limits);
    if (entered) {
        char refused[48] = "exec-failed ";
        tutorial_reaper_append_number(refused, sizeof refused, entered);
        tutorial_reaper_append(refused, sizeof refused, "\ndone\n");
        tutorial_reaper_report(refused);
        _exit(1);
    }
    int failure[2];
    if (pipe2(failure, O_CLOEXEC) != 0) { tutorial_reaper_report("exec-failed 24\ndone\n"); _exit(1); }
    failure[0] = above_fixed(failure[0]);
    failure[1] = above_fixed(failure[1]);
    if (failure[0] < 0 || failure[1] < 0) { tutorial_reaper_report("exec-failed 24\ndone\n"); _exit(1); }
    // vfork: the reaper is a copy of the whole tool, and copying its page tables again for a
    // child that execs at once is most of what a short run costs. The child only makes system
    // calls on its own stack frame (its descriptors, signal dispositions, limits and folder are
    // its own under vfork), then execs or _exits.
    pid_t leader = vfork();
    if (leader == 0) start_program(spawn, failure[1]);
    close(OUT);
    close(ERR);
    close(PROCS);
    close(IN);
    close(failure[1]);
    if (leader < 0) { tutorial_reaper_report("exec-failed 11\ndone\n"); _exit(1); }
    int error = 0;
    ssize_t got;
    do { got = read(failure[0], &error, sizeof error); } while (got < 0 && errno == EINTR);
    close(failure[0]);
    char line[64] = "";
    if (got == sizeof error) {
        waitpid(leader, NULL, 0);
        tutorial_reaper_append(line, sizeof line, "exec-failed ");
        tutorial_reaper_append_number(line, sizeof line, error);
        tutorial_reaper_append(line, sizeof line, "\ndone\n");
        tutorial_reaper_report(line);
        _exit(0);
    }
    tutorial_reaper_append(line, sizeof line, "started ");
    tutorial_reaper_append_number(line, sizeof line, leader);
    tutorial_reaper_append(line, sizeof line, "\n");
    tutorial_reaper_report(line);
    for (;;) {
        struct pollfd watched[2] = {{CONTROL, POLLIN, 0}, {exited, POLLIN, 0}};
        poll(watched, exited >= 0 ? 2 : 1, exited >= 0 ? 250 : 5);
        // A descriptor gone bad must not turn the wait into a spin: fall back to the short timeout.
        if (exited >= 0 && (watched[1].revents & POLLNVAL)) exited = -1;
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
            tutorial_reaper_kill_everything(leader, 1);
            break;
        }
        if (watched[0].revents) {
            // A time limit passed, or the tool is gone (end of file): everything goes at once.
            kill(-leader, SIGKILL);
            kill(leader, SIGKILL);
            while ((ended = wait4(leader, &status, 0, &usage)) < 0 && errno == EINTR) {}
            report_status(status, &usage);
            tutorial_reaper_kill_everything(leader, 0);
            break;
        }
    }
    // What the run's own tmpfs holds now that nothing of the run is left: a program that filled
    // it and ended before the tool looked is still seen past its limit.
    if (spawn->limits && spawn->limits->private_mounts) {
        int folder = open(spawn->limits->run_folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        long long used = folder >= 0 ? tutorial_used_bytes(folder) : -1;
        if (folder >= 0) close(folder);
        if (used >= 0) {
            char line[48] = "disk-used ";
            tutorial_reaper_append_number(line, sizeof line, used);
            tutorial_reaper_append(line, sizeof line, "\n");
            tutorial_reaper_report(line);
        }
    }
    tutorial_reaper_report("done\n");
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

int tutorial_exchange_paths(const char *first, const char *second) {
    // RENAME_EXCHANGE (linux/fs.h): both names stay taken throughout.
    return (int)syscall(SYS_renameat2, AT_FDCWD, first, AT_FDCWD, second, 2U);
}

int tutorial_forbid_inspection(void) {
    return prctl(PR_SET_DUMPABLE, 0);
}
