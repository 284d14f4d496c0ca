/* meter.c - time a command and its peak memory, or drive a terminal UI.
 *
 *   bench/meter [-n N] [-o FILE] [-i FILE] [-e FILE] -- COMMAND [ARGS...]
 *       run COMMAND N times (stdout to -o FILE, stdin from -i FILE, both
 *       /dev/null by default; stderr to -e FILE, default inherited) and
 *       print one line:
 *           wall_ms=MEDIAN min_ms=MIN cpu_ms=MEDIAN rss_kb=MAXRSS status=EXIT
 *       wall time by clock_gettime(CLOCK_MONOTONIC), CPU time (user +
 *       system) and peak RSS by wait4(): on a shared machine the CPU time
 *       is the steadier of the two;
 *       a failing run stops the series (status is its exit status).
 *
 *   bench/meter --pty [-k KEY] [-m MOVES] [-q QUIET_MS] -- COMMAND [ARGS...]
 *       run COMMAND on a pseudo-terminal of 80x24 (TERM=xterm-256color,
 *       LANG=C.UTF-8) and print one line:
 *           frame_ms=T frame_bytes=B move_bytes_avg=A move_bytes_max=M
 *           moves=N rss_kb=R status=EXIT
 *       frame_ms is the time from the start to the last byte of the first
 *       screen, i.e. the output written before the program first sits
 *       waiting for a key (no output for QUIET_MS, default 300, and the
 *       process asleep in read/poll/select when /proc tells); then KEY
 *       (default "j") is sent MOVES times (default 20), each time counting
 *       the bytes written until the program waits again; then "q" (and
 *       ESC q q if need be) ends it.  A program that exits before writing
 *       anything gives frame_ms=none.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Exit status of a wait() status word (128+signal when killed). */
static int exit_of(int st)
{
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static const char *err_file; /* -e: the commands' stderr */

/* Run argv once; wall and CPU time in *ms, *cpu, peak RSS in *rss_kb;
 * exit status. */
static int run_once(char **argv, const char *in, const char *out, double *ms, double *cpu,
                    long *rss_kb)
{
    double t0 = now_ms();
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(2);
    }
    if (pid == 0) {
        int fi = open(in ? in : "/dev/null", O_RDONLY);
        int fo = open(out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fi < 0 || fo < 0) {
            perror(fi < 0 ? in : out);
            _exit(126);
        }
        dup2(fi, 0);
        dup2(fo, 1);
        if (err_file) {
            int fe = open(err_file, O_WRONLY | O_CREAT | O_APPEND, 0644);
            if (fe >= 0)
                dup2(fe, 2);
        }
        execvp(argv[0], argv);
        perror(argv[0]);
        _exit(127);
    }
    int st;
    struct rusage ru;
    while (wait4(pid, &st, 0, &ru) < 0)
        if (errno != EINTR) {
            perror("wait4");
            exit(2);
        }
    *ms = now_ms() - t0;
    *cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
           (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    *rss_kb = ru.ru_maxrss;
    return exit_of(st);
}

static int plain(int n, const char *in, const char *out, char **argv)
{
    double *ms = calloc((size_t)n, sizeof *ms), *cpu = calloc((size_t)n, sizeof *cpu);
    long rss = 0;
    int status = 0, done = 0;
    for (int i = 0; i < n; i++) {
        long r;
        status = run_once(argv, in, out, &ms[i], &cpu[i], &r);
        done++;
        if (r > rss)
            rss = r;
        if (status != 0)
            break;
    }
    qsort(ms, (size_t)done, sizeof *ms, cmp_double);
    qsort(cpu, (size_t)done, sizeof *cpu, cmp_double);
    printf("wall_ms=%.1f min_ms=%.1f cpu_ms=%.1f rss_kb=%ld status=%d\n", ms[done / 2], ms[0],
           cpu[done / 2], rss, status);
    free(ms);
    free(cpu);
    return status;
}

/* ---- the terminal UI through a pseudo-terminal ---------------------- */

typedef struct pty_run {
    int fd;
    pid_t pid;
    int exited, status;
    struct rusage ru;
    double last_out;
    long bytes;
} pty_run;

/* 1 when the process sleeps in a read/poll/select system call (x86-64
 * numbers), or when /proc does not say (then only the quiet time counts). */
static int waiting_for_input(pid_t pid)
{
    char path[64], buf[256];
    snprintf(path, sizeof path, "/proc/%d/syscall", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 1;
    int ok = fgets(buf, sizeof buf, f) != NULL;
    fclose(f);
    if (!ok)
        return 1;
    if (strncmp(buf, "running", 7) == 0)
        return 0;
    long nr = strtol(buf, NULL, 10);
#if defined(__x86_64__)
    return nr == 0 || nr == 7 || nr == 23 || nr == 270 || nr == 271 || nr == 232 || nr == 281;
#else
    (void)nr;
    return 1;
#endif
}

/* Read what the program writes until it waits for a key (or exits). */
static void drain_until_idle(pty_run *p, int quiet_ms, double limit_ms)
{
    double start = now_ms();
    char buf[65536];
    for (;;) {
        struct pollfd pfd = {p->fd, POLLIN, 0};
        int r = poll(&pfd, 1, 10);
        if (r > 0 && (pfd.revents & (POLLIN | POLLHUP | POLLERR))) {
            ssize_t n = read(p->fd, buf, sizeof buf);
            if (n > 0) {
                p->bytes += n;
                p->last_out = now_ms();
                continue;
            }
        }
        if (!p->exited) {
            int st;
            pid_t w = wait4(p->pid, &st, WNOHANG, &p->ru);
            if (w == p->pid) {
                p->exited = 1;
                p->status = exit_of(st);
            }
        }
        if (p->exited) {
            /* take what is left in the pty, then stop */
            while (poll(&(struct pollfd){p->fd, POLLIN, 0}, 1, 0) > 0) {
                ssize_t n = read(p->fd, buf, sizeof buf);
                if (n <= 0)
                    break;
                p->bytes += n;
                p->last_out = now_ms();
            }
            return;
        }
        double t = now_ms();
        double since = t - (p->last_out > start ? p->last_out : start);
        if (since >= quiet_ms && waiting_for_input(p->pid))
            return;
        if (t - start > limit_ms)
            return;
    }
}

static void send_key(pty_run *p, const char *k)
{
    if (write(p->fd, k, strlen(k)) < 0)
        perror("write");
}

static int pty_mode(const char *key, int moves, int quiet_ms, char **argv)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0 || grantpt(m) != 0 || unlockpt(m) != 0) {
        perror("posix_openpt");
        return 2;
    }
    struct winsize ws = {.ws_row = 24, .ws_col = 80};
    ioctl(m, TIOCSWINSZ, &ws);
    const char *sname = ptsname(m);
    pty_run p = {.fd = m};
    double t0 = now_ms();
    p.pid = fork();
    if (p.pid < 0) {
        perror("fork");
        return 2;
    }
    if (p.pid == 0) {
        setsid();
        int s = open(sname, O_RDWR);
        if (s < 0)
            _exit(126);
        ioctl(s, TIOCSCTTY, 0);
        ioctl(s, TIOCSWINSZ, &ws);
        dup2(s, 0);
        dup2(s, 1);
        dup2(s, 2);
        close(m);
        if (s > 2)
            close(s);
        setenv("TERM", getenv("METER_TERM") ? getenv("METER_TERM") : "xterm-256color", 1);
        setenv("LANG", "C.UTF-8", 1);
        setenv("LC_ALL", "C.UTF-8", 1);
        unsetenv("COLUMNS");
        unsetenv("LINES");
        execvp(argv[0], argv);
        _exit(127);
    }
    drain_until_idle(&p, quiet_ms, 60000);
    long frame_bytes = p.bytes;
    int drew = frame_bytes > 0 && !(p.exited && p.bytes == 0);
    double frame_ms = p.last_out - t0;
    long sum = 0, max = 0;
    int done = 0;
    for (int i = 0; i < moves && !p.exited && drew; i++) {
        long before = p.bytes;
        send_key(&p, key);
        drain_until_idle(&p, quiet_ms, 10000);
        long b = p.bytes - before;
        sum += b;
        if (b > max)
            max = b;
        done++;
    }
    static const char *const quit[] = {"q", "\033", "q", "q", "\003"};
    for (size_t i = 0; i < sizeof quit / sizeof quit[0] && !p.exited; i++) {
        send_key(&p, quit[i]);
        drain_until_idle(&p, quiet_ms, 3000);
    }
    if (!p.exited) {
        kill(p.pid, SIGTERM);
        int st;
        wait4(p.pid, &st, 0, &p.ru);
        p.status = exit_of(st);
    }
    if (drew)
        printf("frame_ms=%.1f frame_bytes=%ld move_bytes_avg=%.1f move_bytes_max=%ld "
               "moves=%d rss_kb=%ld status=%d\n",
               frame_ms, frame_bytes, done ? (double)sum / done : 0.0, max, done, p.ru.ru_maxrss,
               p.status);
    else
        printf("frame_ms=none frame_bytes=0 move_bytes_avg=none move_bytes_max=none "
               "moves=0 rss_kb=%ld status=%d\n",
               p.ru.ru_maxrss, p.status);
    close(m);
    return 0;
}

static void usage(void)
{
    fputs("usage: meter [-n N] [-i IN] [-o OUT] [-e ERR] -- COMMAND [ARGS...]\n"
          "       meter --pty [-k KEY] [-m MOVES] [-q QUIET_MS] -- COMMAND [ARGS...]\n",
          stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    int n = 1, pty = 0, moves = 20, quiet = 300, i = 1;
    const char *in = NULL, *out = NULL, *key = "j";
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (!strcmp(argv[i], "--pty"))
            pty = 1;
        else if (i + 1 >= argc)
            usage();
        else if (!strcmp(argv[i], "-n"))
            n = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-i"))
            in = argv[++i];
        else if (!strcmp(argv[i], "-e"))
            err_file = argv[++i];
        else if (!strcmp(argv[i], "-o"))
            out = argv[++i];
        else if (!strcmp(argv[i], "-k"))
            key = argv[++i];
        else if (!strcmp(argv[i], "-m"))
            moves = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-q"))
            quiet = atoi(argv[++i]);
        else
            usage();
    }
    if (i + 1 >= argc || n < 1)
        usage();
    signal(SIGPIPE, SIG_IGN);
    return pty ? pty_mode(key, moves, quiet, argv + i + 1) : plain(n, in, out, argv + i + 1);
}
