// One ordered stream for a program's stdout and stderr: two Unix-domain datagram sockets, the
// program's fd 1 and fd 2, each bound to an address of its own (an abstract name the kernel picks)
// and connected to one receiving socket, which the tool reads. Every write becomes a datagram,
// queued in the receiver's single queue when the write returns, so the order of the writes across
// both streams is kept, whoever makes them (stdio, `write`, a child process); the sender's address
// says which stream it came from.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "CSupport.h"

/// Binds `fd` to an abstract address the kernel picks (autobind) and returns it in `address`.
static int autobind(int fd, struct sockaddr_un *address, socklen_t *length) {
    struct sockaddr_un any = {.sun_family = AF_UNIX};
    if (bind(fd, (struct sockaddr *)&any, sizeof(sa_family_t)) != 0) return -1;
    *length = sizeof *address;
    return getsockname(fd, (struct sockaddr *)address, length);
}

/// The send buffer bounds the largest single write: raised past the system's maximum where the
/// tool may (SO_SNDBUFFORCE needs CAP_NET_ADMIN), else to it. Returns the resulting size.
static int raise_send_buffer(int fd, int wanted) {
    if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &wanted, sizeof wanted) != 0) {
        (void)setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &wanted, sizeof wanted);
    }
    int size = 0;
    socklen_t length = sizeof size;
    getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, &length);
    return size;
}

/// Reads `max_dgram_qlen` as the calling thread's network namespace sees it; -1 if unreadable.
static int read_queue_length(void) {
    char text[32] = {0};
    int fd = open("/proc/sys/net/unix/max_dgram_qlen", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t got = read(fd, text, sizeof text - 1);
    close(fd);
    return got > 0 ? atoi(text) : -1;
}

/// Makes the sockets in the calling thread's network namespace.
static int make_sockets(struct tutorial_ordered_output *output, int send_buffer) {
    int fds[4] = {-1, -1, -1, -1};
    struct sockaddr_un receiver;
    socklen_t receiver_length;
    fds[0] = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fds[0] < 0 || autobind(fds[0], &receiver, &receiver_length) != 0) goto fail;
    for (int index = 1; index < 3; index++) {
        struct sockaddr_un sender;
        socklen_t sender_length;
        fds[index] = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fds[index] < 0 || autobind(fds[index], &sender, &sender_length) != 0) goto fail;
        if (connect(fds[index], (struct sockaddr *)&receiver, receiver_length) != 0) goto fail;
        output->send_buffer = raise_send_buffer(fds[index], send_buffer);
        size_t name = sender_length - offsetof(struct sockaddr_un, sun_path);
        if (name > sizeof output->names[0]) goto fail;
        memcpy(output->names[index - 1], sender.sun_path, name);
        output->name_lengths[index - 1] = (int)name;
    }
    // Abstract names belong to a network namespace: the probe must look them up from this one.
    fds[3] = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fds[3] < 0) goto fail;
    output->receiver = fds[0];
    output->stdout_fd = fds[1];
    output->stderr_fd = fds[2];
    output->probe = fds[3];
    output->queue_length = read_queue_length();
    return 0;
fail:;
    int error = errno;
    for (int index = 0; index < 4; index++) if (fds[index] >= 0) close(fds[index]);
    errno = error;
    return -1;
}

// The receiver queues `max_dgram_qlen` datagrams (10 by default), a value each network namespace
// has of its own and a socket takes from the namespace it is made in. A root tool makes a
// namespace of its own once, from a thread that leaves it at once, sets the value there, and
// makes every run's sockets in it: connected sockets work across namespaces, so the program (in
// the tool's namespace) writes to them as before, and the host's setting is never touched.
static pthread_mutex_t private_lock = PTHREAD_MUTEX_INITIALIZER;
static int private_namespace = -1;
static int private_refused;

struct private_request {
    struct tutorial_ordered_output *output;
    int send_buffer;
    int queue_length;
    int result;
    int error;
};

/// Runs on a thread of its own, which ends in the private namespace (it is made or entered here).
static void *make_in_private_namespace(void *argument) {
    struct private_request *request = argument;
    request->result = -1;
    if (private_namespace >= 0) {
        if (setns(private_namespace, CLONE_NEWNET) != 0) { request->error = errno; return NULL; }
    } else {
        if (unshare(CLONE_NEWNET) != 0) { request->error = errno; return NULL; }
        char text[32];
        int length = snprintf(text, sizeof text, "%d", request->queue_length);
        int fd = open("/proc/sys/net/unix/max_dgram_qlen", O_WRONLY | O_CLOEXEC);
        int written = fd >= 0 ? (int)write(fd, text, (size_t)length) : -1;
        request->error = errno;
        if (fd >= 0) close(fd);
        if (written != length || read_queue_length() != request->queue_length) return NULL;
        private_namespace = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
        if (private_namespace < 0) { request->error = errno; return NULL; }
    }
    request->result = make_sockets(request->output, request->send_buffer);
    request->error = errno;
    return NULL;
}

/// Makes the sockets in the private namespace; -1 where that is not permitted.
static int make_private(struct tutorial_ordered_output *output, int send_buffer, int queue_length) {
    struct private_request request = {output, send_buffer, queue_length, -1, 0};
    pthread_mutex_lock(&private_lock);
    if (!private_refused) {
        pthread_t thread;
        if (pthread_create(&thread, NULL, make_in_private_namespace, &request) == 0) {
            pthread_join(thread, NULL);
        }
        // Not permitted (not root, a container's seccomp filter): never asked again.
        if (request.result != 0 && private_namespace < 0) private_refused = 1;
    }
    pthread_mutex_unlock(&private_lock);
    return request.result;
}

int tutorial_ordered_output(struct tutorial_ordered_output *output, int send_buffer, int queue_length) {
    if (queue_length > 0 && make_private(output, send_buffer, queue_length) == 0) return 0;
    return make_sockets(output, send_buffer);
}

void tutorial_ordered_output_close(struct tutorial_ordered_output *output) {
    close(output->receiver);
    close(output->probe);
}

int tutorial_datagram_sender_alive(const struct tutorial_ordered_output *output, int index) {
    // The name is unbound when the last descriptor of the sender closes. A socket connecting to a
    // live sender is refused with EPERM (the sender is connected to the receiver, not to it); a
    // name nobody holds any more gives ECONNREFUSED.
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    memcpy(address.sun_path, output->names[index], (size_t)output->name_lengths[index]);
    socklen_t length = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + (size_t)output->name_lengths[index]);
    int connected = connect(output->probe, (struct sockaddr *)&address, length);
    int error = errno;
    return connected == 0 || error != ECONNREFUSED;
}
