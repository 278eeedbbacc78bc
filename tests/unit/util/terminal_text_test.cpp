// util::terminal_safe: what reaches a terminal from a server or a config has no byte that can
// drive it, and is cut, at a character boundary, when it is long (issue 12, "Text").
#include "util/terminal_text.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>

namespace descope_mgmt::util {
namespace {

/// The first byte or character of `text` that a terminal would act on, or npos.
std::size_t first_control(const std::string& text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F) return i;
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(text[i + 1]) <= 0x9F)
            return i;  // C1 control
        if (c == 0xE2 && i + 2 < text.size()) {
            const auto b1 = static_cast<unsigned char>(text[i + 1]);
            const auto b2 = static_cast<unsigned char>(text[i + 2]);
            if (b1 == 0x80 && ((b2 >= 0xAA && b2 <= 0xAE) || b2 == 0x8E || b2 == 0x8F ||
                               b2 == 0xA8 || b2 == 0xA9))
                return i;  // U+202A..U+202E, U+200E/F, U+2028/9
            if (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9) return i;  // U+2066..U+2069
        }
        if (c == 0xD8 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x9C)
            return i;  // U+061C
    }
    return std::string::npos;
}

/// True when `text` is valid UTF-8 (what a terminal will not garble).
bool valid_utf8(const std::string& text) {
    // Escaped again, valid UTF-8 with no control is unchanged.
    return terminal_safe(text) == text;
}

TEST(TerminalSafe, EscapesControlsVisibly) {
    EXPECT_EQ(terminal_safe("Acme\x1b[31m Corp"), "Acme\\x1b[31m Corp");
    EXPECT_EQ(terminal_safe("a\nb\rc\td\x07"), "a\\nb\\rc\\td\\x07");
    EXPECT_EQ(terminal_safe(std::string("nul\0byte", 8)), "nul\\x00byte");
    EXPECT_EQ(terminal_safe("del\x7f"), "del\\x7f");
    EXPECT_EQ(terminal_safe("c1 \xC2\x9B"
                            "31m"),
              "c1 \\u009b31m");  // CSI as a character
}

TEST(TerminalSafe, EscapesBidiControlsAndSeparators) {
    EXPECT_EQ(terminal_safe("admin\xE2\x80\xAE"
                            "nimda"),
              "admin\\u202enimda");                                            // RLO
    EXPECT_EQ(terminal_safe("\xE2\x81\xA6x\xE2\x81\xA9"), "\\u2066x\\u2069");  // LRI, PDI
    EXPECT_EQ(terminal_safe("\xE2\x80\x8E\xE2\x80\x8F\xD8\x9C"), "\\u200e\\u200f\\u061c");
    EXPECT_EQ(terminal_safe("a\xE2\x80\xA8"
                            "b"),
              "a\\u2028b");
}

TEST(TerminalSafe, KeepsPrintableTextAndUnicode) {
    EXPECT_EQ(terminal_safe("Société Générale — 東京 ✓"), "Société Générale — 東京 ✓");
    EXPECT_EQ(terminal_safe("back\\slash \"quoted\""), "back\\slash \"quoted\"");
    EXPECT_EQ(terminal_safe(""), "");
}

TEST(TerminalSafe, EscapesEachByteOfInvalidUtf8) {
    EXPECT_EQ(terminal_safe("caf\xE9"), "caf\\xe9");                       // Latin-1
    EXPECT_EQ(terminal_safe("\xC0\xAF"), "\\xc0\\xaf");                    // overlong '/'
    EXPECT_EQ(terminal_safe("\xED\xA0\x80"), "\\xed\\xa0\\x80");           // a surrogate
    EXPECT_EQ(terminal_safe("\xE2\x82"), "\\xe2\\x82");                    // truncated
    EXPECT_EQ(terminal_safe("\xF4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");  // > U+10FFFF
    EXPECT_EQ(terminal_safe("\x9B[2J"), "\\x9b[2J");                       // a raw 8-bit CSI
}

TEST(TerminalSafe, CutsLongTextAtACharacterBoundaryWithAMarker) {
    const std::string five_mb(5 * 1024 * 1024, 'x');
    EXPECT_EQ(terminal_safe(five_mb, 10), "xxxxxxxxxx \xE2\x80\xA6 (5242880 bytes, cut)");
    // Never inside a character: "é" is two bytes.
    EXPECT_EQ(terminal_safe("aéé", 4), "aé \xE2\x80\xA6 (5 bytes, cut)");
    // Never inside an escape.
    EXPECT_EQ(terminal_safe("ab\x1b", 4), "ab \xE2\x80\xA6 (3 bytes, cut)");
    EXPECT_EQ(terminal_safe("short", 5), "short");
}

TEST(TerminalSafeLines, KeepsLineBreaksOnly) {
    EXPECT_EQ(terminal_safe_lines("a\x1b\nb\r\n"), "a\\x1b\nb\\r\n");
}

std::string marker_of(std::size_t size) {
    return " \xE2\x80\xA6 (" + std::to_string(size) + " bytes, cut)";
}

RC_GTEST_PROP(TerminalSafeProperty, OutputHasNoControlAndIsValidUtf8, (const std::string& text)) {
    const std::string out = terminal_safe(text);
    RC_ASSERT(first_control(out) == std::string::npos);
    RC_ASSERT(valid_utf8(out));
}

RC_GTEST_PROP(TerminalSafeProperty, BidiAndC1AreAlwaysEscaped, ()) {
    // Text assembled from the characters that matter most, so that they occur often.
    const auto pieces = *rc::gen::container<std::vector<std::string>>(rc::gen::element<std::string>(
        "a", "\x1b", "\r", "\n", "\xC2\x9B", "\xC2\x85", "\xE2\x80\xAE", "\xE2\x81\xA6", "\xD8\x9C",
        "\xE2\x80\x8F", "\xE2\x80\xA8", "\xE9", "\xE2\x82", "é", "東", "\\"));
    std::string text;
    for (const auto& p : pieces)
        text += p;
    const std::size_t cap = *rc::gen::inRange<std::size_t>(0, 64);
    const std::string out = terminal_safe(text, cap);
    RC_ASSERT(first_control(out) == std::string::npos);
    RC_ASSERT(valid_utf8(out));
    RC_ASSERT(out.size() <= cap + marker_of(text.size()).size());
}

RC_GTEST_PROP(TerminalSafeProperty, NeverLongerThanTheCapPlusTheMarker, (const std::string& text)) {
    const std::size_t cap = *rc::gen::inRange<std::size_t>(0, 200);
    const std::string out = terminal_safe(text, cap);
    const std::string whole = terminal_safe(text);
    if (whole.size() <= cap) {
        RC_ASSERT(out == whole);
    } else {
        const std::string marker = marker_of(text.size());
        RC_ASSERT(out.size() <= cap + marker.size());
        RC_ASSERT(out.size() >= marker.size());
        RC_ASSERT(out.compare(out.size() - marker.size(), marker.size(), marker) == 0);
        // What is kept is a prefix of the whole escaped text.
        RC_ASSERT(
            whole.compare(0, out.size() - marker.size(), out, 0, out.size() - marker.size()) == 0);
    }
}

RC_GTEST_PROP(TerminalSafeProperty, EscapingTwiceChangesNothing, (const std::string& text)) {
    const std::string once = terminal_safe(text);
    RC_ASSERT(terminal_safe(once) == once);
}

}  // namespace
}  // namespace descope_mgmt::util
