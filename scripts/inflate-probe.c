/*
 * inflate-probe: decompress-only throughput of three inflate engines on one .gz file.
 *
 * Engines (one per process, so peak RSS belongs to that engine alone):
 *   zlib            zlib streaming inflate(), window 15+16 (gzip framing), multi-member
 *   isal            ISA-L streaming isal_inflate(), crc_flag = ISAL_GZIP, multi-member
 *   libdeflate      libdeflate whole-buffer libdeflate_gzip_decompress_ex(): the whole
 *                   file in memory and the whole output in memory (it cannot stream)
 *   zlib-lines      zlib + memchr line splitting, one thread
 *   isal-lines      ISA-L + memchr line splitting, one thread
 *   isal-lines-mt   ISA-L on the main thread, a second thread splits lines with memchr;
 *                   a bounded ring of output buffers between them (the end-to-end ceiling
 *                   of "decode on one core, parse on the other")
 *   libdeflate-lines  libdeflate whole-buffer, then memchr over the output
 *
 * Usage:
 *   inflate-probe [--out-buf KIB] [--in-buf KIB] [--slots N] MODE FILE.gz
 *   inflate-probe --check-damage FILE.gz     (how each engine reports truncation, corruption,
 *                                             a wrong CRC32 / ISIZE, padding, multi-member)
 * Prints one line of key=value pairs per run:
 *   mode=isal bytes=N lines=N seconds=S mbps=M cpu_seconds=C cpu_mbps=M maxrss_kb=K members=N
 *   … status=ok|truncated:…|corrupt:…   (cpu_mbps: MB per CPU-second, user+system, all threads)
 *
 * Build: gcc -O2 -o inflate-probe inflate-probe.c -lz -lisal -ldeflate -lpthread
 * (Debian: zlib1g-dev libisal-dev libdeflate-dev).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <isa-l/igzip_lib.h>
#include <libdeflate.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

static size_t out_buf_size = 128 * 1024;
static size_t in_buf_size = 256 * 1024;
static int ring_slots = 8;
static double decode_seconds;   /* libdeflate: time inside the decompress calls alone */
static double now(void);

/* ---------- compressed input: a file descriptor or a memory buffer, read in chunks ---------- */

struct source {
    int fd;                  /* >= 0: read from this file */
    const uint8_t *mem;      /* else: this buffer */
    size_t mem_size, mem_pos;
    uint8_t *buf;            /* the input chunk buffer */
    int eof;
    uint64_t consumed;       /* bytes handed to the decoder */
};

static size_t source_read(struct source *s) {
    if (s->eof) return 0;
    size_t n = 0;
    if (s->fd >= 0) {
        for (;;) {
            ssize_t r = read(s->fd, s->buf, in_buf_size);
            if (r < 0 && errno == EINTR) continue;
            if (r < 0) { perror("read"); exit(3); }
            n = (size_t)r;
            break;
        }
    } else {
        n = s->mem_size - s->mem_pos;
        if (n > in_buf_size) n = in_buf_size;
        memcpy(s->buf, s->mem + s->mem_pos, n);
        s->mem_pos += n;
    }
    if (n == 0) s->eof = 1;
    s->consumed += n;
    return n;
}

/* ---------- what happens to decoded bytes ---------- */

struct sink {
    uint64_t bytes;
    uint64_t lines;
    uint64_t line_bytes;     /* sum of line lengths: keeps the split from being optimised away */
    uint64_t current;        /* length of the line in progress */
    int split;               /* split lines with memchr */
    int checksum;            /* --check-damage: CRC32 of everything delivered */
    uLong crc;
};

static void split_lines(struct sink *k, const uint8_t *p, size_t n) {
    const uint8_t *end = p + n;
    while (p < end) {
        const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) { k->current += (uint64_t)(end - p); break; }
        k->current += (uint64_t)(nl - p);
        k->line_bytes += k->current;
        k->lines++;
        k->current = 0;
        p = nl + 1;
    }
}

static void deliver(struct sink *k, const uint8_t *p, size_t n) {
    k->bytes += n;
    if (k->split && n) split_lines(k, p, n);
    if (k->checksum && n) k->crc = crc32(k->crc, p, (uInt)n);
}

/* ---------- results ---------- */

enum status { ST_OK, ST_TRUNCATED, ST_CORRUPT };

struct result {
    enum status status;
    char detail[96];
    int members;
    int retries;             /* libdeflate: output buffer regrowths (a member decoded again) */
};

static void set_corrupt(struct result *r, const char *what, int code) {
    r->status = ST_CORRUPT;
    snprintf(r->detail, sizeof r->detail, "%s(%d)", what, code);
}

/* ---------- zlib streaming ---------- */

/* Consumer hook: the decoder hands each filled output buffer to `emit`. */
typedef void (*emit_fn)(void *ctx, const uint8_t *p, size_t n);

static void run_zlib(struct source *s, emit_fn emit, void *ctx, struct result *r) {
    z_stream z;
    memset(&z, 0, sizeof z);
    if (inflateInit2(&z, 15 + 16) != Z_OK) { fprintf(stderr, "inflateInit2 failed\n"); exit(3); }
    uint8_t *out = malloc(out_buf_size);
    int between = 0;
    for (;;) {
        if (between) {
            /* skip zero padding; end of input ends the stream cleanly */
            for (;;) {
                while (z.avail_in > 0 && *z.next_in == 0) { z.next_in++; z.avail_in--; }
                if (z.avail_in > 0) break;
                z.avail_in = (uInt)source_read(s);
                z.next_in = s->buf;
                if (z.avail_in == 0) goto done;
            }
            inflateReset(&z);
            between = 0;
        }
        if (z.avail_in == 0 && !s->eof) { z.avail_in = (uInt)source_read(s); z.next_in = s->buf; }
        z.next_out = out;
        z.avail_out = (uInt)out_buf_size;
        int ret = inflate(&z, Z_NO_FLUSH);
        size_t produced = out_buf_size - z.avail_out;
        if (produced) emit(ctx, out, produced);
        if (ret == Z_STREAM_END) { r->members++; between = 1; continue; }
        if (ret == Z_OK) continue;
        if (ret == Z_BUF_ERROR && z.avail_in == 0) {
            if (s->eof) { r->status = ST_TRUNCATED; snprintf(r->detail, sizeof r->detail, "Z_BUF_ERROR at end of input"); goto done; }
            continue;
        }
        set_corrupt(r, z.msg ? z.msg : "zlib", ret);
        goto done;
    }
done:
    inflateEnd(&z);
    free(out);
}

/* ---------- ISA-L streaming ---------- */

static const char *isal_error_name(int ret) {
    switch (ret) {
    case ISAL_INVALID_BLOCK: return "ISAL_INVALID_BLOCK";
    case ISAL_INVALID_SYMBOL: return "ISAL_INVALID_SYMBOL";
    case ISAL_INVALID_LOOKBACK: return "ISAL_INVALID_LOOKBACK";
    case ISAL_INVALID_WRAPPER: return "ISAL_INVALID_WRAPPER";
    case ISAL_UNSUPPORTED_METHOD: return "ISAL_UNSUPPORTED_METHOD";
    case ISAL_INCORRECT_CHECKSUM: return "ISAL_INCORRECT_CHECKSUM";
    case ISAL_NEED_DICT: return "ISAL_NEED_DICT";
    case ISAL_NAME_OVERFLOW: return "ISAL_NAME_OVERFLOW";
    case ISAL_COMMENT_OVERFLOW: return "ISAL_COMMENT_OVERFLOW";
    case ISAL_EXTRA_OVERFLOW: return "ISAL_EXTRA_OVERFLOW";
    default: return "isal";
    }
}

/* `out` may be NULL: then each call gets the next buffer from `next_buffer`. */
typedef uint8_t *(*buffer_fn)(void *ctx);

static void run_isal(struct source *s, emit_fn emit, buffer_fn next_buffer, void *ctx,
                     struct result *r) {
    struct inflate_state *st = malloc(sizeof *st);
    isal_inflate_init(st);
    st->crc_flag = ISAL_GZIP;          /* parse the gzip header, check CRC32 and ISIZE */
    st->avail_in = 0;
    uint8_t *own = next_buffer ? NULL : malloc(out_buf_size);
    int between = 0;
    for (;;) {
        if (between) {
            for (;;) {
                while (st->avail_in > 0 && *st->next_in == 0) { st->next_in++; st->avail_in--; }
                if (st->avail_in > 0) break;
                st->avail_in = (uint32_t)source_read(s);
                st->next_in = s->buf;
                if (st->avail_in == 0) goto done;
            }
            isal_inflate_reset(st);      /* keeps crc_flag, but set it again to be explicit */
            st->crc_flag = ISAL_GZIP;
            between = 0;
        }
        if (st->avail_in == 0 && !s->eof) { st->avail_in = (uint32_t)source_read(s); st->next_in = s->buf; }
        uint8_t *out = own ? own : next_buffer(ctx);
        uint32_t in_before = st->avail_in;
        enum isal_block_state state_before = st->block_state;
        st->next_out = out;
        st->avail_out = (uint32_t)out_buf_size;
        int ret = isal_inflate(st);
        size_t produced = out_buf_size - st->avail_out;
        emit(ctx, out, produced);   /* also for 0 bytes: the ring hands the slot back */
        if (ret < 0 || ret == ISAL_NEED_DICT) { set_corrupt(r, isal_error_name(ret), ret); goto done; }
        if (st->block_state == ISAL_BLOCK_FINISH) { r->members++; between = 1; continue; }
        if (produced == 0 && st->avail_in == 0 && s->eof) {
            r->status = ST_TRUNCATED;
            snprintf(r->detail, sizeof r->detail, "DECOMP_OK, input ended, block_state=%d", (int)st->block_state);
            goto done;
        }
        if (produced == 0 && st->avail_in == in_before && st->block_state == state_before && st->avail_in > 0) {
            set_corrupt(r, "no progress", ret);
            goto done;
        }
    }
done:
    free(own);
    free(st);
}

/* ---------- libdeflate whole buffer ---------- */

static uint8_t *read_whole(int fd, size_t *size) {
    struct stat sb;
    if (fstat(fd, &sb) != 0) { perror("fstat"); exit(3); }
    size_t cap = (size_t)sb.st_size + 1, n = 0;
    uint8_t *p = malloc(cap);
    for (;;) {
        if (n == cap) { cap *= 2; p = realloc(p, cap); }
        ssize_t r = read(fd, p + n, cap - n);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) { perror("read"); exit(3); }
        if (r == 0) break;
        n += (size_t)r;
    }
    *size = n;
    return p;
}

/* Decodes every member of in[0..size) into one growing buffer; returns it (caller frees). */
static uint8_t *run_libdeflate(const uint8_t *in, size_t size, size_t *out_size, struct result *r) {
    struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
    /* ISIZE of the last member is the whole size of a single-member file (mod 4 GiB) */
    size_t cap = 4 * size + 4096;
    if (size >= 18) {
        uint32_t isize = (uint32_t)in[size - 4] | (uint32_t)in[size - 3] << 8 |
                         (uint32_t)in[size - 2] << 16 | (uint32_t)in[size - 1] << 24;
        if ((size_t)isize + 1 > cap) cap = (size_t)isize + 1;
    }
    uint8_t *out = malloc(cap);
    memset(out, 0, cap);   /* fault the pages in here, so "decode alone" is libdeflate's own speed */
    size_t in_off = 0, out_off = 0;
    for (;;) {
        while (in_off < size && in[in_off] == 0) in_off++;
        if (in_off >= size) break;
        size_t used_in = 0, used_out = 0;
        double t0 = now();
        enum libdeflate_result res = libdeflate_gzip_decompress_ex(
            d, in + in_off, size - in_off, out + out_off, cap - out_off, &used_in, &used_out);
        decode_seconds += now() - t0;
        if (res == LIBDEFLATE_INSUFFICIENT_SPACE) {
            cap *= 2;
            out = realloc(out, cap);
            r->retries++;
            continue;             /* the member is decoded again from its start */
        }
        if (res != LIBDEFLATE_SUCCESS) {
            /* whole-buffer: nothing of the damaged member is returned, and truncation
               and corruption look the same */
            set_corrupt(r, res == LIBDEFLATE_BAD_DATA ? "LIBDEFLATE_BAD_DATA" : "libdeflate", (int)res);
            break;
        }
        in_off += used_in;
        out_off += used_out;
        r->members++;
    }
    libdeflate_free_decompressor(d);
    *out_size = out_off;
    return out;
}

/* ---------- the ring between the inflating thread and the splitting thread ---------- */

struct ring {
    uint8_t **buf;
    size_t *len;
    int head, tail, count, done;   /* producer fills `head`, consumer drains `tail` */
    int filling;                   /* producer holds a slot */
    pthread_mutex_t mu;
    pthread_cond_t not_full, not_empty;
    struct sink *sink;
};

static uint8_t *ring_acquire(void *ctx) {
    struct ring *g = ctx;
    pthread_mutex_lock(&g->mu);
    while (g->count == ring_slots) pthread_cond_wait(&g->not_full, &g->mu);
    uint8_t *b = g->buf[g->head];
    pthread_mutex_unlock(&g->mu);
    return b;
}

static void ring_publish(void *ctx, const uint8_t *p, size_t n) {
    (void)p;
    struct ring *g = ctx;
    if (n == 0) return;            /* the slot stays free for the next call */
    pthread_mutex_lock(&g->mu);
    g->len[g->head] = n;
    g->head = (g->head + 1) % ring_slots;
    g->count++;
    pthread_cond_signal(&g->not_empty);
    pthread_mutex_unlock(&g->mu);
}

static void *ring_consume(void *ctx) {
    struct ring *g = ctx;
    for (;;) {
        pthread_mutex_lock(&g->mu);
        while (g->count == 0 && !g->done) pthread_cond_wait(&g->not_empty, &g->mu);
        if (g->count == 0 && g->done) { pthread_mutex_unlock(&g->mu); break; }
        int t = g->tail;
        pthread_mutex_unlock(&g->mu);
        deliver(g->sink, g->buf[t], g->len[t]);   /* outside the lock */
        pthread_mutex_lock(&g->mu);
        g->tail = (g->tail + 1) % ring_slots;
        g->count--;
        pthread_cond_signal(&g->not_full);
        pthread_mutex_unlock(&g->mu);
    }
    return NULL;
}

/* ---------- driver ---------- */

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sink_emit(void *ctx, const uint8_t *p, size_t n) { deliver(ctx, p, n); }

static const char *status_text(const struct result *r, char *buf, size_t size) {
    if (r->status == ST_OK) return "ok";
    snprintf(buf, size, "%s:%s", r->status == ST_TRUNCATED ? "truncated" : "corrupt", r->detail);
    for (char *c = buf; *c; c++) if (*c == ' ') *c = '_';
    return buf;
}

/* Runs one engine over a source; for libdeflate, `whole`/`whole_size` is the input. */
static void run_mode(const char *mode, struct source *s, const uint8_t *whole, size_t whole_size,
                     struct sink *k, struct result *r) {
    if (!strcmp(mode, "zlib") || !strcmp(mode, "zlib-lines")) {
        k->split = !strcmp(mode, "zlib-lines");
        run_zlib(s, sink_emit, k, r);
    } else if (!strcmp(mode, "isal") || !strcmp(mode, "isal-lines")) {
        k->split = !strcmp(mode, "isal-lines");
        run_isal(s, sink_emit, NULL, k, r);
    } else if (!strcmp(mode, "isal-lines-mt")) {
        k->split = 1;
        struct ring g;
        memset(&g, 0, sizeof g);
        g.buf = calloc((size_t)ring_slots, sizeof *g.buf);
        g.len = calloc((size_t)ring_slots, sizeof *g.len);
        for (int i = 0; i < ring_slots; i++) g.buf[i] = malloc(out_buf_size);
        pthread_mutex_init(&g.mu, NULL);
        pthread_cond_init(&g.not_full, NULL);
        pthread_cond_init(&g.not_empty, NULL);
        g.sink = k;
        pthread_t consumer;
        pthread_create(&consumer, NULL, ring_consume, &g);
        run_isal(s, ring_publish, ring_acquire, &g, r);
        pthread_mutex_lock(&g.mu);
        g.done = 1;
        pthread_cond_signal(&g.not_empty);
        pthread_mutex_unlock(&g.mu);
        pthread_join(consumer, NULL);
        for (int i = 0; i < ring_slots; i++) free(g.buf[i]);
        free(g.buf);
        free(g.len);
    } else if (!strcmp(mode, "libdeflate") || !strcmp(mode, "libdeflate-lines")) {
        k->split = !strcmp(mode, "libdeflate-lines");
        size_t out_size = 0;
        uint8_t *out = run_libdeflate(whole, whole_size, &out_size, r);
        deliver(k, out, out_size);
        free(out);
    } else {
        fprintf(stderr, "unknown mode %s\n", mode);
        exit(2);
    }
}

static int is_whole_buffer(const char *mode) { return !strncmp(mode, "libdeflate", 10); }

/* ---------- --check-damage: how each engine reports damaged input ---------- */

static void check_damage(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) { perror(path); exit(3); }
    size_t size = 0;
    uint8_t *good = read_whole(fd, &size);
    close(fd);
    if (size < 64) { fprintf(stderr, "file too small for the damage check\n"); exit(2); }
    size_t cap = 2 * size + 64;
    uint8_t *bad = malloc(cap);
    const char *cases[] = {"intact", "truncated-half", "truncated-trailer-4", "truncated-trailer-8",
                           "flipped-middle", "flipped-crc32", "flipped-isize", "zero-padding",
                           "two-members", "trailing-garbage-8", "trailing-garbage-16", "bad-magic"};
    const char *modes[] = {"zlib", "isal", "libdeflate"};
    printf("%-20s %-11s %14s %-15s %s\n", "case", "engine", "bytes", "output", "result");
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        size_t n = size;
        memcpy(bad, good, size);
        const char *name = cases[c];
        if (!strcmp(name, "truncated-half")) n = size / 2;
        else if (!strcmp(name, "truncated-trailer-4")) n = size - 4;
        else if (!strcmp(name, "truncated-trailer-8")) n = size - 8;
        else if (!strcmp(name, "flipped-middle")) bad[size / 2] ^= 0x55;
        else if (!strcmp(name, "flipped-crc32")) bad[size - 8] ^= 0x01;
        else if (!strcmp(name, "flipped-isize")) bad[size - 4] ^= 0x01;
        else if (!strcmp(name, "zero-padding")) { memset(bad + size, 0, 32); n = size + 32; }
        else if (!strcmp(name, "two-members")) { memcpy(bad + size, good, size); n = 2 * size; }
        else if (!strcmp(name, "trailing-garbage-8")) { memcpy(bad + size, "garbage!", 8); n = size + 8; }
        else if (!strcmp(name, "trailing-garbage-16")) { memcpy(bad + size, "this is not gzip", 16); n = size + 16; }
        else if (!strcmp(name, "bad-magic")) bad[0] = 0x1e;
        for (size_t m = 0; m < sizeof modes / sizeof *modes; m++) {
            uint8_t *chunk = malloc(in_buf_size);
            struct source s = {.fd = -1, .mem = bad, .mem_size = n, .buf = chunk};
            struct sink k = {.checksum = 1};
            struct result r = {0};
            run_mode(modes[m], &s, bad, n, &k, &r);
            char text[160];
            printf("%-20s %-11s %14llu crc32=%08lx %s members=%d\n", name, modes[m],
                   (unsigned long long)k.bytes, k.crc, status_text(&r, text, sizeof text), r.members);
            free(chunk);
        }
    }
    free(good);
    free(bad);
}

int main(int argc, char **argv) {
    int i = 1;
    for (; i < argc && !strncmp(argv[i], "--", 2); i++) {
        if (!strcmp(argv[i], "--out-buf") && i + 1 < argc) out_buf_size = (size_t)atol(argv[++i]) * 1024;
        else if (!strcmp(argv[i], "--in-buf") && i + 1 < argc) in_buf_size = (size_t)atol(argv[++i]) * 1024;
        else if (!strcmp(argv[i], "--slots") && i + 1 < argc) ring_slots = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--check-damage") && i + 1 < argc) { check_damage(argv[i + 1]); return 0; }
        else { fprintf(stderr, "unknown option %s\n", argv[i]); return 2; }
    }
    if (argc - i != 2 || out_buf_size == 0 || in_buf_size == 0 || ring_slots < 2) {
        fprintf(stderr, "usage: inflate-probe [--out-buf KIB] [--in-buf KIB] [--slots N] "
                        "zlib|isal|libdeflate|zlib-lines|isal-lines|isal-lines-mt|libdeflate-lines FILE.gz\n"
                        "       inflate-probe --check-damage FILE.gz\n");
        return 2;
    }
    const char *mode = argv[i], *path = argv[i + 1];
    int fd = open(path, O_RDONLY);
    if (fd < 0) { perror(path); return 3; }
    struct sink k = {0};
    struct result r = {0};
    double start = now();
    uint8_t *whole = NULL;
    size_t whole_size = 0;
    uint8_t *chunk = malloc(in_buf_size);
    struct source s = {.fd = fd, .buf = chunk};
    if (is_whole_buffer(mode)) whole = read_whole(fd, &whole_size);
    run_mode(mode, &s, whole, whole_size, &k, &r);
    double seconds = now() - start;
    free(whole);
    free(chunk);
    close(fd);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    char text[160];
    double cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
                 (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
    printf("mode=%s bytes=%llu lines=%llu line_bytes=%llu seconds=%.4f mbps=%.1f cpu_seconds=%.4f cpu_mbps=%.1f maxrss_kb=%ld "
           "members=%d retries=%d out_buf_kib=%zu decode_mbps=%.1f status=%s\n",
           mode, (unsigned long long)k.bytes, (unsigned long long)k.lines,
           (unsigned long long)k.line_bytes, seconds, (double)k.bytes / 1e6 / seconds, cpu,
           cpu > 0 ? (double)k.bytes / 1e6 / cpu : 0.0, ru.ru_maxrss,
           r.members, r.retries, out_buf_size / 1024,
           decode_seconds > 0 ? (double)k.bytes / 1e6 / decode_seconds : 0.0, status_text(&r, text, sizeof text));
    return r.status == ST_OK ? 0 : 4;
}
