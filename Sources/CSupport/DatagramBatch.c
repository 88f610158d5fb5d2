// Taking a program's output from the ordered stream (OrderedOutput.c) many datagrams at a time:
// one recvmmsg call takes everything queued, up to the batch's size, and the datagrams are told
// apart by sender and grouped into runs of one stream here, so that the tool's reader makes one
// call and hands on one chunk per run, not per line.
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include "CSupport.h"

/// A datagram longer than this gives its slot's pages back once taken, so that a few big writes
/// do not leave the batch holding many megabytes.
static const unsigned long kept_bytes = 64 * 1024;

struct batch_headers {
    struct mmsghdr *messages;
    struct iovec *vectors;
    struct sockaddr_un *addresses;
};

int tutorial_datagram_batch_make(struct tutorial_datagram_batch *batch, unsigned long slot_size, int slots) {
    memset(batch, 0, sizeof *batch);
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0) page = 4096;
    slot_size = (slot_size + (unsigned long)page - 1) / (unsigned long)page * (unsigned long)page;
    // Reserved, not committed: a slot's pages exist once a datagram fills them.
    char *memory = MAP_FAILED;
    while (slots > 0) {
        memory = mmap(NULL, slot_size * (unsigned long)slots, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (memory != MAP_FAILED) break;
        slots /= 2;
    }
    if (memory == MAP_FAILED) return -1;
    struct batch_headers *headers = calloc(1, sizeof *headers);
    int *integers = calloc((size_t)slots * 4, sizeof(int));
    long *longs = calloc((size_t)slots * 2, sizeof(long));
    if (headers) {
        headers->messages = calloc((size_t)slots, sizeof *headers->messages);
        headers->vectors = calloc((size_t)slots, sizeof *headers->vectors);
        headers->addresses = calloc((size_t)slots, sizeof *headers->addresses);
    }
    if (!headers || !integers || !longs || !headers->messages || !headers->vectors || !headers->addresses) {
        if (headers) { free(headers->messages); free(headers->vectors); free(headers->addresses); }
        free(headers); free(integers); free(longs);
        munmap(memory, slot_size * (unsigned long)slots);
        errno = ENOMEM;
        return -1;
    }
    batch->memory = memory;
    batch->slot_size = slot_size;
    batch->slots = slots;
    batch->run_stream = integers;
    batch->run_first = integers + slots;
    batch->run_count = integers + 2 * slots;
    batch->senders = integers + 3 * slots;
    batch->run_bytes = longs;
    batch->lengths = longs + slots;
    batch->headers = headers;
    return 0;
}

void tutorial_datagram_batch_free(struct tutorial_datagram_batch *batch) {
    struct batch_headers *headers = batch->headers;
    if (!headers) return;
    free(headers->messages);
    free(headers->vectors);
    free(headers->addresses);
    free(headers);
    free(batch->run_stream);
    free(batch->run_bytes);
    munmap(batch->memory, batch->slot_size * (unsigned long)batch->slots);
    batch->headers = NULL;
}

/// Gives back the pages of slot `index` past its first `kept_bytes`.
static void give_back(const struct tutorial_datagram_batch *batch, int index) {
    char *slot = batch->memory + (unsigned long)index * batch->slot_size;
    (void)madvise(slot + kept_bytes, (unsigned long)batch->lengths[index] - kept_bytes, MADV_DONTNEED);
}

/// Which sender `address` is: 0 (stdout), 1 (stderr) or 2 (anyone else).
static int sender_of(const struct tutorial_ordered_output *output, const struct sockaddr_un *address, socklen_t length) {
    size_t name = length > offsetof(struct sockaddr_un, sun_path) ? length - offsetof(struct sockaddr_un, sun_path) : 0;
    for (int index = 0; index < 2; index++) {
        if (name == (size_t)output->name_lengths[index] && memcmp(address->sun_path, output->names[index], name) == 0) return index;
    }
    return 2;
}

int tutorial_datagram_take(const struct tutorial_ordered_output *output, struct tutorial_datagram_batch *batch) {
    struct batch_headers *headers = batch->headers;
    batch->taken = 0;
    batch->runs = 0;
    for (int index = 0; index < batch->slots; index++) {
        headers->vectors[index].iov_base = batch->memory + (unsigned long)index * batch->slot_size;
        headers->vectors[index].iov_len = batch->slot_size;
        struct msghdr *header = &headers->messages[index].msg_hdr;
        memset(header, 0, sizeof *header);
        header->msg_name = &headers->addresses[index];
        header->msg_namelen = sizeof headers->addresses[index];
        header->msg_iov = &headers->vectors[index];
        header->msg_iovlen = 1;
    }
    int got;
    do {
        got = recvmmsg(output->receiver, headers->messages, (unsigned)batch->slots, MSG_DONTWAIT, NULL);
    } while (got < 0 && errno == EINTR);
    if (got < 0) return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
    batch->taken = got;
    for (int index = 0; index < got; index++) {
        struct msghdr *header = &headers->messages[index].msg_hdr;
        long length = (long)headers->messages[index].msg_len;
        int sender = sender_of(output, &headers->addresses[index], header->msg_namelen);
        batch->senders[index] = sender;
        batch->lengths[index] = length;
        if (sender == 2 || length == 0) {
            if ((unsigned long)length > kept_bytes) give_back(batch, index);
            continue;
        }
        int last = batch->runs - 1;
        if (last >= 0 && batch->run_stream[last] == sender && batch->run_first[last] + batch->run_count[last] == index) {
            batch->run_count[last] += 1;
            batch->run_bytes[last] += length;
        } else {
            batch->run_stream[batch->runs] = sender;
            batch->run_first[batch->runs] = index;
            batch->run_count[batch->runs] = 1;
            batch->run_bytes[batch->runs] = length;
            batch->runs += 1;
        }
    }
    return got;
}

void tutorial_datagram_copy_run(const struct tutorial_datagram_batch *batch, int run, void *destination) {
    char *to = destination;
    int first = batch->run_first[run];
    for (int index = first; index < first + batch->run_count[run]; index++) {
        char *slot = batch->memory + (unsigned long)index * batch->slot_size;
        unsigned long length = (unsigned long)batch->lengths[index];
        memcpy(to, slot, length);
        to += length;
        if (length > kept_bytes) give_back(batch, index);
    }
}
