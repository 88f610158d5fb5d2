// The bytes a program reads from its standard input, as a file of its own in memory.
#define _GNU_SOURCE
#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>
#include "CSupport.h"

int tutorial_input_file(const void *bytes, unsigned long count) {
    int fd = memfd_create("tutorial-stdin", MFD_CLOEXEC);
    if (fd < 0) return -1;
    const char *next = bytes;
    while (count > 0) {
        ssize_t written = write(fd, next, count);
        if (written < 0 && errno == EINTR) continue;
        if (written <= 0) {
            int error = errno;
            close(fd);
            errno = error;
            return -1;
        }
        next += written;
        count -= (unsigned long)written;
    }
    if (lseek(fd, 0, SEEK_SET) != 0) {
        int error = errno;
        close(fd);
        errno = error;
        return -1;
    }
    return fd;
}
