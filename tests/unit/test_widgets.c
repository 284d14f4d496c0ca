/* test_widgets.c - the UI's widget state without a terminal: list cursor,
 * scroll, paging and the moving actions; the text input buffer (wide
 * characters, decomposed Vietnamese, paste, NFC); UTF-8 bytes put back
 * together. */
#include <stdlib.h>
#include <string.h>

#include "cu-run.h"

#include <CUnit/Basic.h>

#include "theodoi/tui-widgets.h"

/* ---- list -------------------------------------------------------------- */

static void check_list(const ui_list *l, long cur, long top)
{
    CU_ASSERT_EQUAL(l->cur, cur);
    CU_ASSERT_EQUAL(l->top, top);
}

static void test_list_move(void)
{
    ui_list l;
    ui_list_init(&l, 114, 10);
    check_list(&l, 0, 0);
    ui_list_move(&l, -1); /* cannot go above the first */
    check_list(&l, 0, 0);
    ui_list_move(&l, 9); /* last visible row: no scroll */
    check_list(&l, 9, 0);
    ui_list_move(&l, 1); /* one below: scroll by one */
    check_list(&l, 10, 1);
    ui_list_move(&l, -5); /* still visible: no scroll */
    check_list(&l, 5, 1);
    ui_list_move(&l, -5);
    check_list(&l, 0, 0);
    ui_list_move(&l, 1000); /* clamped to the last */
    check_list(&l, 113, 104);
}

/* A cursor move without scrolling repaints two rows only: the one left
 * and the one entered (what keeps a move under 150 bytes). */
static void test_list_moved_rows(void)
{
    ui_list l;
    ui_list_init(&l, 100, 10);
    int line[2];
    long row[2];
    CU_ASSERT_EQUAL(ui_list_moved_rows(&l, 0, line, row), 0);
    ui_list_move(&l, 1);
    CU_ASSERT_EQUAL_FATAL(ui_list_moved_rows(&l, 0, line, row), 2);
    CU_ASSERT_EQUAL(row[0], 0);
    CU_ASSERT_EQUAL(line[0], 0);
    CU_ASSERT_EQUAL(row[1], 1);
    CU_ASSERT_EQUAL(line[1], 1);
    /* the row left is off screen: only the new one */
    CU_ASSERT_EQUAL(ui_list_moved_rows(&l, 50, line, row), 1);
    CU_ASSERT_EQUAL(row[0], 1);
}

static void test_list_page(void)
{
    ui_list l;
    ui_list_init(&l, 114, 10);
    ui_list_move(&l, 3);
    ui_list_page(&l, 1); /* cursor and view move a page */
    check_list(&l, 13, 10);
    for (int i = 0; i < 20; i++)
        ui_list_page(&l, 1);
    check_list(&l, 113, 104); /* last page is full */
    ui_list_page(&l, -1);
    check_list(&l, 103, 94);
    for (int i = 0; i < 20; i++)
        ui_list_page(&l, -1);
    check_list(&l, 0, 0);
    ui_list_end(&l);
    check_list(&l, 113, 104);
    ui_list_home(&l);
    check_list(&l, 0, 0);
}

/* The keys of every list screen: each moving action moves the cursor as
 * its own function does; any other action is left to the screen. */
static void test_list_nav(void)
{
    ui_list l;
    ui_list_init(&l, 114, 10);
    CU_ASSERT_EQUAL(ui_list_nav(&l, ACT_DOWN), 1);
    check_list(&l, 1, 0);
    CU_ASSERT_EQUAL(ui_list_nav(&l, ACT_PGDN), 1);
    check_list(&l, 11, 10);
    CU_ASSERT_EQUAL(ui_list_nav(&l, ACT_UP), 1);
    check_list(&l, 10, 10);
    CU_ASSERT_EQUAL(ui_list_nav(&l, ACT_END), 1);
    check_list(&l, 113, 104);
    CU_ASSERT_EQUAL(ui_list_nav(&l, ACT_PGUP), 1);
    check_list(&l, 103, 94);
    CU_ASSERT_EQUAL(ui_list_nav(&l, ACT_HOME), 1);
    check_list(&l, 0, 0);
    ui_list_move(&l, 5);
    const ui_act others[] = {ACT_NONE, ACT_OPEN,   ACT_BACK,       ACT_SEARCH,
                             ACT_NEXT, ACT_TOGGLE, ACT_NEXT_FIELD, ACT_UNDO};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        CU_ASSERT_EQUAL(ui_list_nav(&l, others[i]), 0);
        check_list(&l, 5, 0);
    }
    ui_list_init(&l, 0, 10); /* empty: handled, nothing to move */
    CU_ASSERT_EQUAL(ui_list_nav(&l, ACT_DOWN), 1);
    CU_ASSERT_EQUAL(ui_list_nav(&l, ACT_END), 1);
    check_list(&l, 0, 0);
}

static void test_list_short(void)
{
    ui_list l;
    ui_list_init(&l, 3, 10); /* fewer rows than the screen */
    ui_list_page(&l, 1);
    check_list(&l, 2, 0);
    ui_list_page(&l, -1);
    check_list(&l, 0, 0);
    ui_list_init(&l, 0, 10); /* empty */
    ui_list_move(&l, 1);
    ui_list_page(&l, 1);
    ui_list_end(&l);
    check_list(&l, 0, 0);
    CU_ASSERT_FALSE(ui_list_visible(&l, 0, NULL));
}

static void test_list_resize_and_reload(void)
{
    ui_list l;
    ui_list_init(&l, 114, 20);
    ui_list_goto(&l, 50); /* off screen: shown mid-page */
    check_list(&l, 50, 40);
    int line = -1;
    CU_ASSERT_TRUE(ui_list_visible(&l, 50, &line));
    CU_ASSERT_EQUAL(line, 10);
    ui_list_set_height(&l, 5); /* smaller window: cursor visible */
    CU_ASSERT_TRUE(ui_list_visible(&l, l.cur, NULL));
    CU_ASSERT_EQUAL(l.cur, 50);
    ui_list_set_height(&l, 0); /* resize storms reach 0 rows */
    CU_ASSERT_EQUAL(l.height, 1);
    CU_ASSERT_TRUE(ui_list_visible(&l, 50, NULL));
    ui_list_set_height(&l, 200); /* taller than the list */
    check_list(&l, 50, 0);
    ui_list_set_height(&l, 10);
    ui_list_set_count(&l, 20); /* a filter left fewer rows */
    CU_ASSERT_EQUAL(l.cur, 19);
    CU_ASSERT_TRUE(ui_list_visible(&l, 19, NULL));
    CU_ASSERT(l.top <= 10);
    ui_list_goto(&l, 3); /* visible: the view stays */
    CU_ASSERT_EQUAL(l.cur, 3);
    CU_ASSERT_TRUE(ui_list_visible(&l, 3, NULL));
}

/* ---- input ------------------------------------------------------------- */

static void check_text(const ui_input *in, const char *want)
{
    char *s = ui_input_text(in);
    CU_ASSERT_STRING_EQUAL(s, want);
    free(s);
}

static void test_input_typing(void)
{
    ui_input in;
    ui_input_init(&in, NULL, 0);
    const unsigned int typed[] = {'S', 0x1ED1 /* ố */, ' ', '1', '2'};
    for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++)
        CU_ASSERT_EQUAL(ui_input_insert(&in, typed[i]), 0);
    check_text(&in, "Số 12");
    CU_ASSERT_EQUAL(in.cur, 5);
    ui_input_home(&in);
    ui_input_right(&in);
    ui_input_right(&in);                         /* after "Số" */
    CU_ASSERT_EQUAL(ui_input_backspace(&in), 0); /* ố is one char */
    check_text(&in, "S 12");
    ui_input_insert(&in, 0x1ED1);
    check_text(&in, "Số 12");
    ui_input_end(&in);
    CU_ASSERT_EQUAL(ui_input_delete(&in), -1);
    ui_input_left(&in);
    CU_ASSERT_EQUAL(ui_input_delete(&in), 0);
    check_text(&in, "Số 1");
    CU_ASSERT_EQUAL(ui_input_insert(&in, '\n'), -1); /* control refused */
    CU_ASSERT_EQUAL(ui_input_insert(&in, 0x1B), -1);
    ui_input_insert(&in, '\t'); /* tab: a space */
    check_text(&in, "Số 1 ");
    ui_input_home(&in);
    CU_ASSERT_EQUAL(ui_input_backspace(&in), -1);
    ui_input_free(&in);
}

/* "Nghị" typed decomposed: i + U+0323 (dot below); backspace deletes the
 * whole letter and the result is NFC. */
static void test_input_decomposed(void)
{
    ui_input in;
    ui_input_init(&in, "Nghi\xcc\xa3", 0);
    CU_ASSERT_EQUAL(in.len, 5);
    check_text(&in, "Nghị"); /* NFC on the way out */
    ui_input_left(&in);      /* over i + mark at once */
    CU_ASSERT_EQUAL(in.cur, 3);
    ui_input_right(&in);
    CU_ASSERT_EQUAL(in.cur, 5);
    CU_ASSERT_EQUAL(ui_input_backspace(&in), 0);
    check_text(&in, "Ngh");
    /* ệ as e + U+0302 + U+0323: two marks */
    ui_input_insert(&in, 'e');
    ui_input_insert(&in, 0x302);
    ui_input_insert(&in, 0x323);
    check_text(&in, "Nghệ");
    ui_input_home(&in);
    ui_input_right(&in);
    ui_input_right(&in);
    ui_input_right(&in);
    CU_ASSERT_EQUAL(ui_input_delete(&in), 0); /* the e and both marks */
    check_text(&in, "Ngh");
    CU_ASSERT_EQUAL(in.len, 3);
    CU_ASSERT_EQUAL(ui_input_width(&in, 0, in.len), 3);
    ui_input_free(&in);
}

static void test_input_paste_and_kill(void)
{
    ui_input in;
    ui_input_init(&in, "", 0);
    const char *paste = "Số 12/KH-UBND ngày 20/8/2025";
    CU_ASSERT_EQUAL(ui_input_insert_utf8(&in, paste), 28);
    check_text(&in, paste);
    ui_input_insert_utf8(&in, "\r\nx"); /* line breaks of a paste: spaces */
    check_text(&in, "Số 12/KH-UBND ngày 20/8/2025  x");
    ui_input_home(&in);
    for (int i = 0; i < 6; i++)
        ui_input_right(&in);
    ui_input_kill_end(&in);
    check_text(&in, "Số 12/");
    ui_input_left(&in);
    ui_input_kill_start(&in);
    check_text(&in, "/");
    CU_ASSERT_EQUAL(in.cur, 0);
    ui_input_set(&in, "ab");
    CU_ASSERT_EQUAL(in.cur, 2);
    ui_input_free(&in);

    ui_input_init(&in, "abc", 4); /* a limit */
    CU_ASSERT_EQUAL(ui_input_insert(&in, 'd'), 0);
    CU_ASSERT_EQUAL(ui_input_insert(&in, 'e'), -1);
    check_text(&in, "abcd");
    ui_input_free(&in);
}

static void test_input_scroll(void)
{
    ui_input in;
    ui_input_init(&in, "Phường Lê Thanh Nghị", 0); /* 20 columns */
    size_t first = ui_input_scroll(&in, 0, 10);
    /* the cursor at the end needs its own cell: 9 columns of text */
    CU_ASSERT_EQUAL(ui_input_width(&in, first, in.len), 9);
    ui_input_home(&in);
    first = ui_input_scroll(&in, first, 10);
    CU_ASSERT_EQUAL(first, 0);
    ui_input_set(&in, "ab");
    CU_ASSERT_EQUAL(ui_input_scroll(&in, 5, 10), 0);
    ui_input_free(&in);
}

static void test_utf8_feed(void)
{
    ui_utf8_acc a = {0};
    unsigned int cp = 0;
    const unsigned char nghi[] = {0xE1, 0xBB, 0x8B}; /* ị */
    CU_ASSERT_EQUAL(ui_utf8_feed(&a, nghi[0], &cp), 0);
    CU_ASSERT_EQUAL(ui_utf8_feed(&a, nghi[1], &cp), 0);
    CU_ASSERT_EQUAL(ui_utf8_feed(&a, nghi[2], &cp), 1);
    CU_ASSERT_EQUAL(cp, 0x1ECB);
    CU_ASSERT_EQUAL(ui_utf8_feed(&a, 'x', &cp), 1);
    CU_ASSERT_EQUAL(cp, 'x');
    CU_ASSERT_EQUAL(ui_utf8_feed(&a, 0xC3, &cp), 0);
    CU_ASSERT_EQUAL(ui_utf8_feed(&a, 'x', &cp), -1); /* broken sequence */
    CU_ASSERT_EQUAL(ui_utf8_feed(&a, 0xE0, &cp), 0); /* overlong */
    CU_ASSERT_EQUAL(ui_utf8_feed(&a, 0x80, &cp), 0);
    CU_ASSERT_EQUAL(ui_utf8_feed(&a, 0x80, &cp), -1);
    CU_ASSERT_EQUAL(ui_utf8_feed(&a, 0xFF, &cp), -1);
}

int main(void)
{
    static const cu_test tests[] = {
        {"list: move and scroll", test_list_move},
        {"list: page, home, end", test_list_page},
        {"list: rows to repaint after a move", test_list_moved_rows},
        {"list: the moving actions", test_list_nav},
        {"list: short and empty", test_list_short},
        {"list: resize and reload", test_list_resize_and_reload},
        {"input: typing and editing", test_input_typing},
        {"input: decomposed letters", test_input_decomposed},
        {"input: paste and kill", test_input_paste_and_kill},
        {"input: horizontal scroll", test_input_scroll},
        {"utf8: bytes to code points", test_utf8_feed},
    };
    return CU_RUN("widgets", NULL, NULL, NULL, NULL, tests);
}
