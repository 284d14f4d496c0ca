/* app.c - the terminal UI's loop: the terminal, signals, a stack of
 * screens, keys, the search prompt and the one-second watch on the
 * database.
 *
 * Each pass draws what changed (wnoutrefresh + one doupdate), then waits
 * up to a second for a key.  On a timeout it asks SQLite whether another
 * process committed (PRAGMA data_version) and reloads what is on screen,
 * so two people on the same commune see each other's changes within a
 * second.  Signals only set a flag: the loop restores the terminal and
 * returns (a write in progress is a transaction and rolls back). */
#include "config.h"

#include "theodoi/cmd.h"
#include "theodoi/codes.h"
#include "theodoi/i18n.h"
#include "theodoi/store.h"
#include "theodoi/text.h"
#include "theodoi/tui.h"
#include "theodoi/users.h"
#include "theodoi/util.h"

#include <curses.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
    got_signal = sig;
}

static const int SIGNALS[UI_NSIGNALS] = {SIGINT, SIGTERM, SIGHUP};

void ui_signals_catch(void (*handler)(int), struct sigaction *old)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < UI_NSIGNALS; i++)
        sigaction(SIGNALS[i], &sa, &old[i]);
}

void ui_signals_restore(const struct sigaction *old)
{
    for (size_t i = 0; i < UI_NSIGNALS; i++)
        sigaction(SIGNALS[i], &old[i], NULL);
}

static void colors_start(ui_app *app)
{
    if (!has_colors() || start_color() == ERR)
        return;
    short bg = use_default_colors() == OK ? -1 : COLOR_BLACK;
    init_pair(UI_PAIR_OK, COLOR_GREEN, bg);
    init_pair(UI_PAIR_LATE, COLOR_RED, bg);
    init_pair(UI_PAIR_DIM, COLOR_CYAN, bg);
    init_pair(UI_PAIR_KEY, COLOR_YELLOW, bg);
    init_pair(UI_PAIR_HEAD, COLOR_BLUE, bg);
    app->colors = getenv("NO_COLOR") == NULL;
}

static SCREEN *term_start(ui_app *app)
{
    SCREEN *scr = newterm(NULL, stdout, stdin);
    if (!scr)
        return NULL;
    const char *cup = tigetstr("cup");
    if (!cup || cup == (const char *)-1) { /* TERM=dumb: no cursor moves */
        endwin();
        delscreen(scr);
        return NULL;
    }
    if (!getenv("ESCDELAY"))
        set_escdelay(250);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    intrflush(stdscr, FALSE);
    idlok(stdscr, TRUE);
    leaveok(stdscr, TRUE);
    curs_set(0);
    timeout(1000);
    colors_start(app);
    app->rows = LINES;
    app->cols = COLS;
    return scr;
}

/* The next key, 0 on a timeout or a byte of an unfinished character. */
static ui_key read_key(ui_app *app)
{
    wint_t ch;
    int r;
    if (!app->utf8) {
        /* under a non-UTF-8 locale get_wch refuses bytes >= 0x80 (EILSEQ):
         * read bytes, and put UTF-8 typed by the terminal back together */
        int c = getch();
        if (c == ERR)
            return 0;
        r = c >= KEY_MIN ? KEY_CODE_YES : OK;
        ch = (wint_t)c;
    } else {
        r = get_wch(&ch);
    }
    if (r == ERR)
        return 0;
    if (r == KEY_CODE_YES)
        return ch == KEY_ENTER ? UI_ENTER : UI_FKEY((int)ch);
    if (ch == '\n')
        return UI_ENTER;
    if (!app->utf8 && ch >= 0x80 && ch <= 0xff) {
        unsigned int cp;
        return ui_utf8_feed(&app->acc, (unsigned char)ch, &cp) == 1 ? (ui_key)cp : 0;
    }
    return (ui_key)ch;
}

void ui_message(ui_app *app, int error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->msg, sizeof app->msg, fmt, ap);
    va_end(ap);
    app->msg_error = error;
    app->msg_dirty = 1;
}

/* The top screen's key rows and layout for the terminal's size. */
static void layout_top(ui_app *app)
{
    ui_screen *s = app->top;
    s->key_rows = ui_keys_rows(app, s->acts, s->nacts);
    if (s->resize)
        s->resize(app, s);
    app->full = 1;
}

void ui_push(ui_app *app, ui_screen *s)
{
    if (!s)
        return;
    s->below = app->top;
    app->top = s;
    layout_top(app);
}

void ui_pop(ui_app *app)
{
    ui_screen *s = app->top;
    if (!s || !s->below)
        return;
    app->top = s->below;
    s->destroy(s);
    layout_top(app);
    if (app->top->stale) {
        app->top->stale = 0;
        app->top->reload(app, app->top);
    }
    app->full = 1;
}

void ui_changed(ui_app *app)
{
    for (ui_screen *s = app->top; s; s = s->below)
        s->stale = 1;
    app->top->stale = 0;
    app->top->reload(app, app->top);
    app->full = 1;
}

/* Another process committed (or the day changed at midnight): reload the
 * top screen now, the others when they show again. */
static void poll_data(ui_app *app, time_t *last)
{
    *last = time(NULL);
    long v = db_data_version(app->db);
    td_day today = day_today();
    if (v == app->data_version && today == app->today)
        return;
    app->data_version = v;
    app->today = today;
    ui_changed(app);
}

/* The screens below the top are laid out again when they show. */
static void resize(ui_app *app)
{
    app->rows = LINES;
    app->cols = COLS;
    layout_top(app);
}

/* Draw what changed, place the terminal cursor, one doupdate. */
static void paint(ui_app *app)
{
    int full = app->full;
    app->full = 0;
    app->cursor_y = -1;
    if (full)
        erase();
    if (app->rows < 5 || app->cols < 20) {
        erase();
        ui_put(app, 0, 0, app->cols, _("Window too small"), A_BOLD, 0);
    } else {
        ui_screen *s = app->top;
        s->draw(app, s, full);
        if (full || app->msg_dirty || app->prompt.active || strcmp(s->info, app->shown_info)) {
            ui_draw_msg(app, s->info);
            snprintf(app->shown_info, sizeof app->shown_info, "%s", s->info);
        }
        if (full || app->status_dirty)
            ui_draw_keys(app);
    }
    int want = app->cursor_y >= 0;
    if (want != app->cursor_on) {
        curs_set(want);
        leaveok(stdscr, !want);
        app->cursor_on = want;
    }
    if (want)
        move(app->cursor_y, app->cursor_x);
    wnoutrefresh(stdscr);
    doupdate();
}

/* Keys every screen shares, then the screen's own. */
static void dispatch(ui_app *app, ui_key k)
{
    ui_screen *s = app->top;
    if (app->prompt.active) {
        ui_prompt_key(app, k);
        return;
    }
    ui_act act = ui_action_of(s->acts, s->nacts, k);
    if (s->raw_keys) {
        s->key(app, s, act, k);
        return;
    }
    switch (act) {
    case ACT_HELP:
        ui_push(app, ui_help_new(app));
        break;
    case ACT_SEARCH:
        ui_search_start(app);
        break;
    case ACT_NEXT:
        ui_search_next(app, 1);
        break;
    case ACT_PREV:
        ui_search_next(app, -1);
        break;
    case ACT_REDRAW:
        clearok(curscr, TRUE);
        app->full = 1;
        break;
    case ACT_BACK:
        if (s->below)
            ui_pop(app);
        else
            app->quit = 1;
        break;
    case ACT_NONE: {
        char b[32];
        ui_message(app, 0, _("The key %s does nothing here; ? lists the keys"),
                   ui_key_name(k, 1, b, sizeof b));
        break;
    }
    default:
        s->key(app, s, act, k);
    }
}

static void app_init(ui_app *app, td_db *db, const char *db_path)
{
    memset(app, 0, sizeof *app);
    app->db = db;
    app->db_path = db_path;
    app->utf8 = i18n_utf8();
    app->today = day_today();
    app->data_version = db_data_version(db);
    app->cursor_on = -1;
    if (store_user_get(db, td_login(), &app->role, &app->own_unit) != TD_OK)
        app->role = ROLE_NONE;
    char *prov = store_meta_get(db, "scope_province");
    char *unit = store_meta_get(db, "scope_unit");
    app->scope = unit && *unit ? unit : prov && *prov ? prov : NULL;
    if (app->scope == unit)
        free(prov);
    else
        free(unit);
    app->scope_name = app->scope ? store_unit_name(db, app->scope) : NULL;
}

static void app_free(ui_app *app)
{
    while (app->top) {
        ui_screen *s = app->top;
        app->top = s->below;
        s->destroy(s);
    }
    ui_input_free(&app->prompt.in);
    ui_undo_free(app);
    free(app->own_unit);
    free(app->scope);
    free(app->scope_name);
    free(app->search);
}

/* Milliseconds of a monotonic clock. */
static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One key: a resize, or a key for the prompt or the top screen. */
static void handle(ui_app *app, ui_key k)
{
    if (k == UI_FKEY(KEY_RESIZE)) {
        resize(app);
        return;
    }
    if (app->msg[0]) {
        app->msg[0] = '\0';
        app->msg_dirty = 1;
    }
    dispatch(app, k);
}

/* Keys already typed (a paste from PuTTY, a held arrow key) are handled
 * before the next paint, so the screen is drawn once for all of them. */
static void drain(ui_app *app)
{
    timeout(0);
    for (int i = 0; i < 4096 && !app->quit && !got_signal; i++) {
        ui_key k = read_key(app);
        if (k == 0)
            break;
        handle(app, k);
    }
    timeout(1000);
}

static void loop(ui_app *app)
{
    time_t last = time(NULL);
    int quick_errs = 0;
    while (!app->quit && !got_signal) {
        paint(app);
        long long t0 = now_ms();
        ui_key k = read_key(app);
        if (got_signal)
            break;
        /* a terminal that went away answers at once, again and again */
        quick_errs = k == 0 && now_ms() - t0 < 50 ? quick_errs + 1 : 0;
        if (quick_errs > 200)
            break;
        if (k != 0) {
            handle(app, k);
            drain(app);
        }
        if (k == 0 || time(NULL) != last)
            poll_data(app, &last);
    }
}

int tui_run(td_db *db, const char *db_path)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        /* a script: the database is there, only the screen is not shown */
        cmd_error(
            "%s",
            _("not a terminal: the screen is not shown; see theodoi --help for the commands"));
        return TD_OK;
    }
    ui_app app;
    app_init(&app, db, db_path);
    struct sigaction old[UI_NSIGNALS];
    got_signal = 0;
    /* before curses starts, so that curses keeps our handlers (no
     * SA_RESTART: a signal ends the wait for a key at once) */
    ui_signals_catch(on_signal, old);
    SCREEN *scr = term_start(&app);
    if (!scr) {
        ui_signals_restore(old);
        cmd_error(_("cannot use the terminal (TERM=%s)"), getenv("TERM") ? getenv("TERM") : "");
        app_free(&app);
        return TD_EUSAGE;
    }
    ui_push(&app, ui_communes_new(&app));
    loop(&app);
    app_free(&app);
    endwin();
    delscreen(scr);
    ui_signals_restore(old);
    return TD_OK;
}
