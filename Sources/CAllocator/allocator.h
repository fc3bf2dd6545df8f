#ifndef USAGE_AUDIT_ALLOCATOR_H
#define USAGE_AUDIT_ALLOCATOR_H

#if defined(__linux__)
#include <malloc.h>
#endif

/// Hands memory the program has freed back to the system. glibc keeps freed blocks for
/// later allocations, so what a large start-up freed (the file and the cells read while
/// loading a key directory of a million keys) would otherwise stay resident for the rest
/// of the run. Elsewhere it does nothing.
static inline void usage_audit_return_freed_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

#endif
