/* text-tables.h - Unicode tables for text.c (generated part: text-tables.c).
 *
 * text-tables.c is generated once, not at build time, by the Python script
 * between the "begin gen" and "end gen" lines below.  To regenerate:
 *
 *   sed -n '/^--- begin gen/,/^--- end gen/p' src/text/text-tables.h |
 *       sed '1d;$d' | python3 - > src/text/text-tables.c
 *
 * Fields of text_latin: base is the lower-case ASCII letter(s) the
 * character is built on ("" when it is not a Latin letter with a plain
 * base); upper is 1 for capitals; mod is the Vietnamese letter modifier
 * (1 circumflex U+0302, 2 breve U+0306, 3 horn U+031B, 4 stroke as in đ);
 * tone is 0 ngang, 1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng; extra numbers the
 * first other mark (1 + its index in text_extra_marks, 0 none,
 * TEXT_EXTRA_OTHER for a mark not in that list; 1..4 are the modifiers);
 * lower is the lower-case code point for letters without a base (0 if
 * none).  text_compose[letter][upper][mod][tone] is the precomposed code
 * point for an ASCII letter with that modifier and tone (0 when none
 * exists).  text_case_pairs maps Greek, Cyrillic and Armenian capitals to
 * small letters (sorted, same UTF-8 length).

--- begin gen
# gen_text_tables.py - writes src/text/text-tables.c from unicodedata.
# Usage: python3 gen_text_tables.py > src/text/text-tables.c
import unicodedata as ud

OPEN, CLOSE = "/" + "*", "*" + "/"   # no comment closer in this text

MODS = {0x302: 1, 0x306: 2, 0x31B: 3}
TONES = {0x300: 1, 0x309: 2, 0x303: 3, 0x301: 4, 0x323: 5}
# Other marks, numbered after the modifiers 1..3 and the stroke 4.
EXTRA = [0x302, 0x306, 0x31B, 0x335, 0x308, 0x30A, 0x327, 0x30C, 0x304,
         0x307, 0x328, 0x30B, 0x326, 0x331, 0x30F, 0x311, 0x324, 0x325,
         0x32D, 0x32E, 0x330, 0x313, 0x314, 0x345]
OTHER = len(EXTRA) + 1
# Letters with no decomposition: base, mod (4 = stroke), extra index.
HAND = {0xD0: ("d", 4), 0xF0: ("d", 4), 0x110: ("d", 4), 0x111: ("d", 4),
        0x189: ("d", 4), 0xD8: ("o", 0), 0xF8: ("o", 0),
        0x141: ("l", 0), 0x142: ("l", 0), 0x126: ("h", 0), 0x127: ("h", 0),
        0x166: ("t", 0), 0x167: ("t", 0), 0x180: ("b", 0), 0x243: ("b", 0),
        0x197: ("i", 0), 0x268: ("i", 0), 0x1B5: ("z", 0), 0x1B6: ("z", 0),
        0x1E4: ("g", 0), 0x1E5: ("g", 0), 0x23A: ("a", 0), 0x23B: ("c", 0),
        0x23C: ("c", 0), 0x246: ("e", 0), 0x247: ("e", 0), 0x248: ("j", 0),
        0x249: ("j", 0), 0x24C: ("r", 0), 0x24D: ("r", 0), 0x24E: ("y", 0),
        0x24F: ("y", 0), 0x23E: ("t", 0), 0x1E9E: ("ss", 0),
        0xC6: ("ae", 0), 0xE6: ("ae", 0), 0x152: ("oe", 0), 0x153: ("oe", 0),
        0xDF: ("ss", 0), 0x131: ("i", 0), 0xDE: ("th", 0), 0xFE: ("th", 0),
        0x138: ("q", 0), 0x14A: ("ng", 0), 0x14B: ("ng", 0),
        0x1E2: ("ae", 0), 0x1E3: ("ae", 0), 0x1FC: ("ae", 0),
        0x1FD: ("ae", 0), 0x1FE: ("o", 0), 0x1FF: ("o", 0),
        0x13F: ("l", 0), 0x140: ("l", 0), 0x149: ("n", 0),
        0x191: ("f", 0), 0x192: ("f", 0)}
STROKED = {0xD8, 0xF8, 0x141, 0x142, 0x126, 0x127, 0x166, 0x167, 0x180,
           0x243, 0x197, 0x268, 0x1B5, 0x1B6, 0x1E4, 0x1E5, 0x23A, 0x23B,
           0x23C, 0x246, 0x247, 0x248, 0x249, 0x24C, 0x24D, 0x24E, 0x24F,
           0x23E, 0x1FE, 0x1FF}

def u8len(c):
    return len(chr(c).encode())

def entry(cp):
    ch = chr(cp)
    upper = 1 if ud.category(ch) in ("Lu", "Lt") else 0
    if cp in HAND:
        base, mod = HAND[cp]
        extra = 4 if cp in STROKED else 0
        return (base, upper, mod, 0, extra, 0)
    d = ud.normalize("NFKD", ch)
    base = "".join(c for c in d if not ud.combining(c))
    marks = [ord(c) for c in d if ud.combining(c)]
    if not (base.isascii() and base.isalpha() and 1 <= len(base) <= 2) \
            or ud.category(ch)[0] != "L":
        low = ch.lower()
        lower = ord(low) if len(low) == 1 and low != ch and \
            u8len(ord(low)) <= u8len(cp) else 0
        return ("", upper, 0, 0, 0, lower)
    mod = tone = extra = 0
    for m in marks:
        if m in MODS and not mod:
            mod = MODS[m]
        elif m in TONES and not tone:
            tone = TONES[m]
        elif not extra:
            extra = EXTRA.index(m) + 1 if m in EXTRA else OTHER
    return (base.lower(), upper, mod, tone, extra, 0)

def table(name, lo, hi):
    print("const struct text_latin %s[0x%X] = {" % (name, hi - lo + 1))
    for cp in range(lo, hi + 1):
        b, up, mod, tone, extra, lower = entry(cp)
        print('    {"%s", %d, %d, %d, %d, 0x%04X}, %s U+%04X %s'
              % (b, up, mod, tone, extra, lower, OPEN, cp, CLOSE))
    print("};\n")

def compose():
    comp = {}
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        d = ud.normalize("NFD", chr(cp))
        if not d[0].isascii() or not d[0].isalpha():
            continue
        mod = tone = 0
        ok = True
        for c in d[1:]:
            m = ord(c)
            if m in MODS and not mod:
                mod = MODS[m]
            elif m in TONES and not tone:
                tone = TONES[m]
            else:
                ok = False
        if ok and len(d) > 1:
            comp[(d[0], mod, tone)] = cp
    print("const unsigned short text_compose[26][2][4][6] = {")
    for i in range(26):
        print("    { %s %s %s" % (OPEN, chr(97 + i), CLOSE))
        for up in (0, 1):
            letter = chr(65 + i) if up else chr(97 + i)
            rows = []
            for mod in range(4):
                rows.append("{" + ", ".join("0x%04X" % comp.get(
                    (letter, mod, t), 0) for t in range(6)) + "}")
            print("        {" + ",\n         ".join(rows) + "},")
        print("    },")
    print("};\n")

def pairs():
    out = []
    for cp in range(0x370, 0x590):
        ch = chr(cp)
        low = ch.lower()
        if ud.category(ch) == "Lu" and len(low) == 1 and low != ch \
                and u8len(ord(low)) <= u8len(cp):
            out.append((cp, ord(low)))
    print("const unsigned short text_case_pairs[%d][2] = {" % len(out))
    for i in range(0, len(out), 4):
        print("    " + " ".join("{0x%04X, 0x%04X}," % p for p in out[i:i + 4]))
    print("};")
    print("const size_t text_case_pairs_n = %d;" % len(out))

print(OPEN + " text-tables.c - GENERATED, do not edit: made by the script in")
print(" * the comment at the top of text-tables.h (Python unicodedata, Unicode")
print(" * %s).  Edit the script there and run it again. %s" % (ud.unidata_version, CLOSE))
print('#include "text-tables.h"')
print(OPEN + " clang-format off " + CLOSE + "\n")   # keep this layout
print("const unsigned short text_extra_marks[%d] = {" % len(EXTRA))
print("    " + ", ".join("0x%04X" % m for m in EXTRA[:8]) + ",")
print("    " + ", ".join("0x%04X" % m for m in EXTRA[8:16]) + ",")
print("    " + ", ".join("0x%04X" % m for m in EXTRA[16:]) + ",")
print("};\n")
table("text_latin_a", 0xC0, 0x24F)
table("text_latin_b", 0x1E00, 0x1EFF)
compose()
pairs()
--- end gen
 */
#ifndef THEODOI_TEXT_TABLES_H
#define THEODOI_TEXT_TABLES_H

#include <stddef.h>

struct text_latin {
    char base[3];
    unsigned char upper;
    unsigned char mod;
    unsigned char tone;
    unsigned char extra;
    unsigned short lower;
};

#define TEXT_LATIN_A_FIRST 0x00C0u
#define TEXT_LATIN_A_LAST 0x024Fu
#define TEXT_LATIN_B_FIRST 0x1E00u
#define TEXT_LATIN_B_LAST 0x1EFFu
#define TEXT_EXTRA_N 24
#define TEXT_EXTRA_OTHER (TEXT_EXTRA_N + 1)

extern const unsigned short text_extra_marks[TEXT_EXTRA_N];
extern const struct text_latin text_latin_a[0x190]; /* U+00C0..U+024F */
extern const struct text_latin text_latin_b[0x100]; /* U+1E00..U+1EFF */
extern const unsigned short text_compose[26][2][4][6];
extern const unsigned short text_case_pairs[][2];
extern const size_t text_case_pairs_n;

#endif
