#ifndef TUTORIAL_CSUPPORT_H
#define TUTORIAL_CSUPPORT_H

/// Creates a pipe whose two ends are closed on exec, atomically: a program spawned by another
/// thread at the same moment cannot inherit them. Returns 0, or -1 with errno set.
int tutorial_pipe_cloexec(int descriptors[2]);

/// Where `needle` first occurs in `haystack`, or NULL: memmem, which glibc declares only for
/// _GNU_SOURCE.
const void *tutorial_memmem(const void *haystack, unsigned long haystack_length,
                            const void *needle, unsigned long needle_length);

/// Mixes `length` bytes into the two 64-bit halves of StableHash's state, byte by byte. In C
/// so that hashing a book stays quick in a debug build of the tool.
void tutorial_hash_bytes(unsigned long long state[2], const unsigned char *bytes, unsigned long length);

#endif
