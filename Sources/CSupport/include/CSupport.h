#ifndef TUTORIAL_CSUPPORT_H
#define TUTORIAL_CSUPPORT_H

/// Creates a pipe whose two ends are closed on exec, atomically: a program spawned by another
/// thread at the same moment cannot inherit them. Returns 0, or -1 with errno set.
int tutorial_pipe_cloexec(int descriptors[2]);

/// Accepts a connection whose descriptor is closed on exec, atomically (accept4, which glibc
/// declares only for _GNU_SOURCE). Returns the descriptor, or -1 with errno set.
int tutorial_accept_cloexec(int listener);

/// Where `needle` first occurs in `haystack` (memmem, which glibc declares only for _GNU_SOURCE),
/// as an offset; -1 when it does not.
long tutorial_find(const void *haystack, unsigned long length, const void *needle, unsigned long needle_length);



// SHA-256 is OpenSSL's libcrypto (Debian's libssl-dev): its streaming calls are deprecated in
// OpenSSL 3 for EVP's, which allocate; a plain struct copies as StableHash needs.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

/// The SHA-256 digest (32 bytes, into `digest`) of `length` bytes, for the remote cache's
/// content addresses: libcrypto's, quick in a debug build of the tool too.
void tutorial_sha256(const unsigned char *bytes, unsigned long length, unsigned char digest[32]);

/// The state of a SHA-256 computed piece by piece: init, update as often as needed, final.
struct tutorial_sha256_state {
    SHA256_CTX context;
};
void tutorial_sha256_init(struct tutorial_sha256_state *state);
void tutorial_sha256_update(struct tutorial_sha256_state *state, const unsigned char *bytes, unsigned long length);
void tutorial_sha256_final(struct tutorial_sha256_state *state, unsigned char digest[32]);

#include <sys/types.h>

/// The limits of a run that its program cannot undo (RunLimits.c), or a NULL pointer for none.
struct tutorial_run_limits {
    /// 1 to give the run a mount namespace of its own, in which `run_folder` (holding `work` and
    /// `crash-reports`), /tmp, /var/tmp and /dev/shm are one tmpfs of `disk_size` bytes, the
    /// cgroup hierarchies are hidden, and the program lacks the capabilities that would undo it.
    int private_mounts;
    const char *run_folder;
    long long disk_size;
    /// The `cgroup.procs` of a cgroup v1 memory controller's group that the program joins, or NULL.
    const char *memory_cgroup_procs;
    /// More than 0 to run on that many of the tool's cores only: the reaper narrows its affinity
    /// to them and, with private mounts, the program sees that many in /sys/devices/system/cpu.
    int cpus;
    /// The `cgroup.procs` of a cgroup v1 cpuset group holding those cores that the program joins, or NULL.
    const char *cpuset_cgroup_procs;
};

/// In the reaper, before the program starts: enters the run's mount namespace. 0, or an errno.
int tutorial_run_limits_enter(const struct tutorial_run_limits *limits);
/// In the program's process, before exec: joins the memory cgroup, drops capabilities. 0 or an errno.
int tutorial_run_limits_program(const struct tutorial_run_limits *limits);
/// Writes the first `count` cores of this process's affinity into `list` as a cpuset list
/// ("0", "0-1", "1,3"); returns how many it took (fewer when it has fewer), or -1.
int tutorial_first_cpus(int count, char *list, unsigned long size);
/// 1 when this process may give runs mount namespaces of their own (it is privileged enough).
int tutorial_run_limits_probe(void);
/// write(2) that returns -1 with errno EPIPE, instead of raising SIGPIPE, when the pipe's reader
/// is gone (a reaper that has just exited); other threads are not affected.
long tutorial_write_without_sigpipe(int fd, const void *bytes, unsigned long count);
/// The bytes in use on the filesystem of the open folder `fd`, or -1.
long long tutorial_used_bytes(int fd);

/// What ``tutorial_spawn_reaped`` starts: an absolute path, NULL-terminated arguments and
/// environment, the working folder (or NULL), the write ends of the output pipes, the limit of
/// the program's data segment in bytes (0 for none), the run's cgroup, and its standard input.
struct tutorial_spawn {
    const char *path;
    char *const *arguments;
    char *const *environment;
    const char *directory;
    int stdout_fd;
    int stderr_fd;
    long long memory_limit;
    /// The run's cgroup's `cgroup.procs` (the program writes itself into it) and `cgroup.kill`,
    /// or -1 when the run has no cgroup. The reaper keeps its own copies.
    int cgroup_procs_fd;
    int cgroup_kill_fd;
    /// The limits the program cannot undo, or NULL.
    const struct tutorial_run_limits *limits;
    /// What the program gets as its standard input (see ``tutorial_input_file``), or -1 for
    /// `/dev/null`. The reaper keeps its own copy.
    int stdin_fd;
};

/// A file in memory holding `count` bytes, read from its start, closed on exec: what a program
/// reads from its standard input. Returns its descriptor, or -1 with errno set.
int tutorial_input_file(const void *bytes, unsigned long count);

/// Forks a reaper that runs the program in a session of its own and, when it ends or is told to,
/// kills and reaps every process it started (see Reaper.c). Returns the reaper's pid, or -1; sets
/// `control` (write a byte, or close, to kill everything) and `report` (the reaper's report lines).
pid_t tutorial_spawn_reaped(const struct tutorial_spawn *spawn, int *control, int *report);

/// Makes the calling process a child subreaper: orphaned descendants are re-parented to it.
int tutorial_set_child_subreaper(void);
/// Swaps two existing paths in one step (renameat2 with RENAME_EXCHANGE); -1 with errno set
/// where the file system or kernel cannot (EINVAL, ENOSYS).
int tutorial_exchange_paths(const char *first, const char *second);

/// Flushes every written file of the file system that holds the open `descriptor` (syncfs),
/// one call for a whole folder of files; where there is no syncfs, flushes everything (sync).
int tutorial_sync_file_system(int descriptor);

/// Makes the calling process non-dumpable (PR_SET_DUMPABLE 0): processes of the same user without
/// CAP_SYS_PTRACE can then neither trace it nor read its memory or its /proc files. Forks inherit
/// it; an exec of an ordinary program resets it.
int tutorial_forbid_inspection(void);

/// A program's stdout and stderr as one ordered stream (see OrderedOutput.c): the receiving
/// socket the tool reads (non-blocking), the two sending sockets the program gets as fd 1 and 2,
/// their addresses (abstract names, as `sun_path` bytes), the size of their send buffers, a
/// socket made beside them that asks whether a sender is still held, and how many datagrams the
/// receiver queues before a writer waits.
struct tutorial_ordered_output {
    int receiver;
    int stdout_fd;
    int stderr_fd;
    int send_buffer;
    char names[2][108];
    int name_lengths[2];
    int probe;
    int queue_length;
};

/// Creates the sockets, all closed on exec, with send buffers of `send_buffer` bytes where the
/// system allows. With `queue_length` > 0 they are made in a network namespace of the tool's own
/// whose `max_dgram_qlen` is `queue_length` (the first call's value holds for every later one),
/// where the tool may (root); otherwise, or with 0, where the tool is, with the system's queue.
/// Returns 0, or -1 with errno set.
int tutorial_ordered_output(struct tutorial_ordered_output *output, int send_buffer, int queue_length);

/// Closes the receiver and the probe.
void tutorial_ordered_output_close(struct tutorial_ordered_output *output);

/// Whether any process still holds the sending socket `index` (0: stdout, 1: stderr).
int tutorial_datagram_sender_alive(const struct tutorial_ordered_output *output, int index);

/// Many datagrams taken with one call (see DatagramBatch.c): `slots` places, each big enough
/// for the largest datagram, reserved but only touched as datagrams fill them; after a take, the
/// datagrams as `runs`: consecutive datagrams of one stream, in order.
struct tutorial_datagram_batch {
    char *memory;
    unsigned long slot_size;
    int slots;
    int taken;
    int runs;
    int *run_stream;
    int *run_first;
    int *run_count;
    long *run_bytes;
    long *lengths;
    int *senders;
    void *headers;
};

/// Reserves a batch of up to `slots` places of `slot_size` bytes (fewer where the system
/// reserves less). Returns 0, or -1 with errno set.
int tutorial_datagram_batch_make(struct tutorial_datagram_batch *batch, unsigned long slot_size, int slots);

/// Gives back what the batch holds.
void tutorial_datagram_batch_free(struct tutorial_datagram_batch *batch);

/// Takes every datagram queued, up to the batch's size, without waiting, and groups them into
/// runs (datagrams from senders other than the two are dropped). Returns how many datagrams were
/// taken (0 when none was queued), or -1 on error.
int tutorial_datagram_take(const struct tutorial_ordered_output *output, struct tutorial_datagram_batch *batch);

/// Copies run `run`'s bytes, its datagrams one after another, to `destination` (which holds at
/// least `run_bytes[run]` bytes).
void tutorial_datagram_copy_run(const struct tutorial_datagram_batch *batch, int run, void *destination);

#endif
