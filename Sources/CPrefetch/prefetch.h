#ifndef USAGE_AUDIT_PREFETCH_H
#define USAGE_AUDIT_PREFETCH_H

/// Asks the CPU to bring the cache line at `address` in for a read soon; a hint that never
/// faults, whatever the address.
static inline void usage_audit_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

/// The same for a write soon.
static inline void usage_audit_prefetch_for_writing(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
