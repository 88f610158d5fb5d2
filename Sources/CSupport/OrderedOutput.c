// One ordered stream for a program's stdout and stderr: two Unix-domain datagram sockets, the
// program's fd 1 and fd 2, each bound to an address of its own (an abstract name the kernel picks)
// and connected to one receiving socket, which the tool reads. Every write becomes a datagram,
// queued in the receiver's single queue when the write returns, so the order of the writes across
// both streams is kept, whoever makes them (stdio, `write`, a child process); the sender's address
// says which stream it came from.
#define _GNU_SOURCE
#include <errno.h>
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

int tutorial_ordered_output(struct tutorial_ordered_output *output, int send_buffer) {
    int fds[3] = {-1, -1, -1};
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
    output->receiver = fds[0];
    output->stdout_fd = fds[1];
    output->stderr_fd = fds[2];
    return 0;
fail:;
    int error = errno;
    for (int index = 0; index < 3; index++) if (fds[index] >= 0) close(fds[index]);
    errno = error;
    return -1;
}

int tutorial_datagram_sender(const struct tutorial_ordered_output *output, int receiver, void *buffer,
                             unsigned long capacity, long *count) {
    struct sockaddr_un from;
    socklen_t length = sizeof from;
    ssize_t got;
    do {
        got = recvfrom(receiver, buffer, capacity, MSG_DONTWAIT | MSG_TRUNC, (struct sockaddr *)&from, &length);
    } while (got < 0 && errno == EINTR);
    *count = got;
    if (got < 0) return -1;
    size_t name = length > offsetof(struct sockaddr_un, sun_path) ? length - offsetof(struct sockaddr_un, sun_path) : 0;
    for (int index = 0; index < 2; index++) {
        if (name == (size_t)output->name_lengths[index] && memcmp(from.sun_path, output->names[index], name) == 0) return index;
    }
    return 2;
}

int tutorial_datagram_sender_alive(const struct tutorial_ordered_output *output, int index) {
    // The name is unbound when the last descriptor of the sender closes. A socket connecting to a
    // live sender is refused with EPERM (the sender is connected to the receiver, not to it); a
    // name nobody holds any more gives ECONNREFUSED.
    int probe = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (probe < 0) return 1;
    struct sockaddr_un address = {.sun_family = AF_UNIX};
    memcpy(address.sun_path, output->names[index], (size_t)output->name_lengths[index]);
    socklen_t length = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + (size_t)output->name_lengths[index]);
    int connected = connect(probe, (struct sockaddr *)&address, length);
    int error = errno;
    close(probe);
    return connected == 0 || error != ECONNREFUSED;
}
