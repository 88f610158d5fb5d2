// The limits a run's program cannot slip (see RunIsolation.swift): a mount namespace of the run's
// own in which its scratch folder, /tmp, /var/tmp and /dev/shm are one tmpfs of a fixed size, the
// cgroup hierarchies hidden, cgroup v1 memory and cpuset groups joined, the cores it may use (and
// sees) narrowed, and the capabilities that would undo any of it dropped.
//
// tutorial_run_limits_enter runs in the reaper (a fork of the multithreaded tool) and
// tutorial_run_limits_program between vfork and exec: both use only async-signal-safe system
// calls, no malloc, no stdio.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/capability.h>
#include "CSupport.h"

#include "ReaperInternal.h"

/// `/proc/self/fd/N` in `buffer`.
static void fd_path(char buffer[64], int fd) {
    buffer[0] = '\0';
    tutorial_reaper_append(buffer, 64, "/proc/self/fd/");
    tutorial_reaper_append_number(buffer, 64, fd);
}

/// `folder` followed by `/name` in `buffer` (of 4096 bytes); 0 when it does not fit.
static int join(char *buffer, const char *folder, const char *name) {
    size_t first = strlen(folder), second = strlen(name);
    if (first + second + 2 > 4096) return 0;
    memcpy(buffer, folder, first);
    buffer[first] = '/';
    memcpy(buffer + first + 1, name, second + 1);
    return 1;
}

static int bind(const char *source, const char *target) {
    return mount(source, target, NULL, MS_BIND, NULL) == 0 ? 0 : errno;
}

/// The memory group's `cgroup.procs`, opened by the reaper before the cgroup hierarchies are
/// hidden; the program (a vfork child of the reaper) writes itself into it.
static int memory_procs = -1;
/// The same for the cpuset group of a run limited to some cores.
static int cpuset_procs = -1;

/// Narrows `set` to its first `count` cores; returns how many it kept.
static int keep_first(cpu_set_t *set, int count) {
    int kept = 0;
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
        if (!CPU_ISSET(cpu, set)) continue;
        if (kept < count) kept++;
        else CPU_CLR(cpu, set);
    }
    return kept;
}

int tutorial_first_cpus(int count, char *list, unsigned long size) {
    cpu_set_t set;
    if (count <= 0 || size == 0 || sched_getaffinity(0, sizeof set, &set) != 0) return -1;
    int kept = keep_first(&set, count);
    list[0] = '\0';
    for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
        if (!CPU_ISSET(cpu, &set)) continue;
        int last = cpu;
        while (last + 1 < CPU_SETSIZE && CPU_ISSET(last + 1, &set)) last++;
        if (list[0] != '\0') tutorial_reaper_append(list, size, ",");
        tutorial_reaper_append_number(list, size, cpu);
        if (last > cpu) {
            tutorial_reaper_append(list, size, "-");
            tutorial_reaper_append_number(list, size, last);
        }
        cpu = last;
    }
    return kept;
}

/// Opens a group's `cgroup.procs` above the reaper's fixed numbers: the lowest free one may be
/// PROCS or KILL, which the program's process closes before it joins the group.
static int open_procs(const char *path, int *fd) {
    int opened = open(path, O_WRONLY | O_CLOEXEC);
    if (opened < 0) return errno;
    *fd = fcntl(opened, F_DUPFD_CLOEXEC, FIRST_FREE + 16);
    int error = errno;
    close(opened);
    return *fd < 0 ? error : 0;
}

/// Makes the run's programs see `count` cores where glibc and Dispatch count them
/// (/sys/devices/system/cpu/possible, online, present): files on a tmpfs that is detached once
/// they are bound read-only, so that no path is left to write them through.
static int show_cpus(const char *run, int count) {
    char layers[4096], folder[4096], file[4096], text[32] = "0";
    if (!join(layers, run, ".overlay") || !join(folder, layers, "cpus") || !join(file, folder, "list")) return ENAMETOOLONG;
    if (mkdir(folder, 0700) != 0) return errno;
    if (mount("tutorial-cpus", folder, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k,mode=0700") != 0) return errno;
    if (count > 1) {
        tutorial_reaper_append(text, sizeof text, "-");
        tutorial_reaper_append_number(text, sizeof text, count - 1);
    }
    tutorial_reaper_append(text, sizeof text, "\n");
    int fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0444);
    if (fd < 0) return errno;
    ssize_t written = write(fd, text, strlen(text));
    int error = written == (ssize_t)strlen(text) ? 0 : (written < 0 ? errno : EIO);
    close(fd);
    if (error) return error;
    static const char *const targets[] = {
        "/sys/devices/system/cpu/possible", "/sys/devices/system/cpu/online", "/sys/devices/system/cpu/present"};
    for (int index = 0; index < 3; index++) {
        if (access(targets[index], F_OK) != 0) continue;
        if ((error = bind(file, targets[index]))) return error;
        if (mount(NULL, targets[index], NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) return errno;
    }
    if (umount2(folder, MNT_DETACH) != 0) return errno;
    return rmdir(folder) == 0 ? 0 : errno;
}

/// Mounts an overlay on `folder` (a temporary folder) whose lower layer is the folder as it is and
/// whose upper layer, where every write goes, is `NAME` and `NAME-work` in the run's `.overlay`.
static int overlay(const char *run, const char *folder, const char *name) {
    char upper[4096], work[4096], layers[4096], options[8192];
    if (!join(layers, run, ".overlay") || !join(upper, layers, name)) return ENAMETOOLONG;
    if (!join(work, layers, name)) return ENAMETOOLONG;
    tutorial_reaper_append(work, sizeof work, "-work");
    if (mkdir(upper, 01777) != 0 || chmod(upper, 01777) != 0 || mkdir(work, 0700) != 0) return errno;
    options[0] = '\0';
    tutorial_reaper_append(options, sizeof options, "lowerdir=");
    tutorial_reaper_append(options, sizeof options, folder);
    tutorial_reaper_append(options, sizeof options, ",upperdir=");
    tutorial_reaper_append(options, sizeof options, upper);
    tutorial_reaper_append(options, sizeof options, ",workdir=");
    tutorial_reaper_append(options, sizeof options, work);
    return mount("tutorial-run", folder, "overlay", MS_NOSUID | MS_NODEV, options) == 0 ? 0 : errno;
}

/// Mounts the run's tmpfs (open as `root`, at `source`) on the run folder again where an overlay
/// on a temporary folder holding it has hidden it.
static int rebind(const char *run, int root, const char *source) {
    struct stat there, tmpfs;
    if (fstat(root, &tmpfs) != 0) return errno;
    if (stat(run, &there) == 0 && there.st_dev == tmpfs.st_dev && there.st_ino == tmpfs.st_ino) return 0;
    // Recursive: the crash reports folder bound inside the tmpfs comes along.
    return mount(source, run, NULL, MS_BIND | MS_REC, NULL) == 0 ? 0 : errno;
}

int tutorial_run_limits_enter(const struct tutorial_run_limits *limits) {
    if (!limits) return 0;
    int error = 0;
    if (limits->memory_cgroup_procs && (error = open_procs(limits->memory_cgroup_procs, &memory_procs))) return error;
    if (limits->cpuset_cgroup_procs && (error = open_procs(limits->cpuset_cgroup_procs, &cpuset_procs))) return error;
    int cores = 0;
    if (limits->cpus > 0) {
        // The reaper first, so that the program and everything it starts inherit the cores.
        cpu_set_t set;
        if (sched_getaffinity(0, sizeof set, &set) != 0) return errno;
        cores = keep_first(&set, limits->cpus);
        if (sched_setaffinity(0, sizeof set, &set) != 0) return errno;
    }
    if (!limits->private_mounts) return 0;
    const char *run = limits->run_folder;
    char path[4096];
    // A System V IPC namespace of its own too: its shared memory segments go with the run.
    if (unshare(CLONE_NEWNS | CLONE_NEWIPC) != 0) return errno;
    // Nothing mounted here may reach the tool's namespace.
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) return errno;
    if (!join(path, run, "crash-reports")) return ENAMETOOLONG;
    int reports = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (reports < 0) return errno;
    // The run's disk: one tmpfs for the run folder, what the run writes into the temporary
    // folders (the upper layers of overlays on them) and its shared memory.
    char options[96] = "mode=0755,size=";
    tutorial_reaper_append_number(options, sizeof options, limits->disk_size);
    if (mount("tutorial-run", run, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0) return errno;
    static const char *const folders[] = {"work", "crash-reports", ".overlay", "shm"};
    for (int index = 0; index < 4; index++) {
        if (!join(path, run, folders[index])) return ENAMETOOLONG;
        mode_t mode = index == 3 ? 01777 : index == 2 ? 0700 : 0755;
        if (mkdir(path, mode) != 0 || chmod(path, mode) != 0) return errno;
    }
    char source[64];
    fd_path(source, reports);
    if (!join(path, run, "crash-reports")) return ENAMETOOLONG;
    error = bind(source, path);
    close(reports);
    if (error) return error;
    int root = open(run, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (root < 0) return errno;
    // The temporary folders keep what they hold (the book and its programs may be there), and
    // every write into them lands in the run's tmpfs.
    fd_path(source, root);
    if ((error = overlay(run, "/tmp", "tmp")) || (error = rebind(run, root, source))) return error;
    struct stat seen;
    if (lstat("/var/tmp", &seen) == 0 && S_ISDIR(seen.st_mode) &&
        ((error = overlay(run, "/var/tmp", "var-tmp")) || (error = rebind(run, root, source)))) return error;
    // /dev (a devtmpfs of the host's) takes no new files; its devices are still written to.
    if (mount("/dev", "/dev", NULL, MS_BIND | MS_REC, NULL) == 0) {
        (void)mount(NULL, "/dev", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID, NULL);
    }
    if (!join(path, source, "shm")) return ENAMETOOLONG;
    if (access("/dev/shm", F_OK) == 0 && (error = bind(path, "/dev/shm"))) return error;
    close(root);
    if (cores > 0 && (error = show_cpus(run, cores))) return error;
    // The cgroup hierarchies are hidden: a program must not move itself out of its cgroup or
    // raise its limits.
    if (access("/sys/fs/cgroup", F_OK) == 0 &&
        mount("tutorial-none", "/sys/fs/cgroup", "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "size=4k") != 0) {
        return errno;
    }
    return 0;
}

/// The highest capability number the kernel may know: every one up to it is dropped.
enum { LAST_CAPABILITY = 63 };

int tutorial_run_limits_program(const struct tutorial_run_limits *limits) {
    if (!limits) return 0;
    if (limits->memory_cgroup_procs) {
        ssize_t written = write(memory_procs, "0", 1);
        int error = written == 1 ? 0 : errno;
        close(memory_procs);
        if (error) return error;
    }
    if (limits->cpuset_cgroup_procs) {
        ssize_t written = write(cpuset_procs, "0", 1);
        int error = written == 1 ? 0 : errno;
        close(cpuset_procs);
        if (error) return error;
    }
    if (!limits->private_mounts) return 0;
    // No capability at all, from the bounding set down: a program run by root could otherwise
    // undo its mounts, leave its cgroup, reach the host's files through another process's
    // /proc/PID/root, change the network or trace other processes.
    for (int cap = 0; cap <= LAST_CAPABILITY; cap++) {
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL) return errno;
    }
    prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2];
    memset(data, 0, sizeof data);
    if (syscall(SYS_capset, &header, data) != 0) return errno;
    // With the bounding set empty, root gains none back at the exec.
    return 0;
}

int tutorial_run_limits_probe(void) {
    pid_t child = fork();
    if (child < 0) return 0;
    if (child == 0) {
        if (unshare(CLONE_NEWNS) != 0) _exit(1);
        if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) _exit(1);
        if (mount("tutorial-probe", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "size=64k") != 0) _exit(1);
        if (mkdir("/tmp/l", 0700) != 0 || mkdir("/tmp/u", 0700) != 0 || mkdir("/tmp/w", 0700) != 0) _exit(1);
        if (mount("tutorial-probe", "/tmp/l", "overlay", 0, "lowerdir=/tmp/l,upperdir=/tmp/u,workdir=/tmp/w") != 0) _exit(1);
        if (prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN, 0, 0, 0) != 0) _exit(1);
        _exit(0);
    }
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

long long tutorial_used_bytes(int fd) {
    struct statfs stats;
    if (fstatfs(fd, &stats) != 0) return -1;
    return (long long)(stats.f_blocks - stats.f_bfree) * (long long)stats.f_bsize;
}

long tutorial_write_without_sigpipe(int fd, const void *bytes, unsigned long count) {
    sigset_t pipe_signal, previous;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, &previous);
    ssize_t written;
    do { written = write(fd, bytes, count); } while (written < 0 && errno == EINTR);
    int error = errno;
    if (written < 0 && error == EPIPE) {
        // The SIGPIPE that write raised is pending for this thread: take it before unblocking.
        struct timespec none = {0, 0};
        while (sigtimedwait(&pipe_signal, NULL, &none) < 0 && errno == EINTR) {}
    }
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    errno = error;
    return (long)written;
}
