#ifndef TUTORIAL_CSUPPORT_H
#define TUTORIAL_CSUPPORT_H

/// Creates a pipe whose two ends are closed on exec, atomically: a program spawned by another
/// thread at the same moment cannot inherit them. Returns 0, or -1 with errno set.
int tutorial_pipe_cloexec(int descriptors[2]);

#endif
