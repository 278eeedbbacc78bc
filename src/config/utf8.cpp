#include "config/utf8.hpp"

namespace descope_mgmt::config {

namespace {

bool is_continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

/// The length of the valid UTF-8 sequence at `pos`, or 0 when it is not one.
std::size_t valid_sequence_length(std::string_view text, std::size_t pos) {
    const auto at = [&](std::size_t i) { return static_cast<unsigned char>(text[pos + i]); };
    const unsigned char c = at(0);
    const std::size_t left = text.size() - pos;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return left >= 2 && is_continuation(at(1)) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (left < 3 || !is_continuation(at(1)) || !is_continuation(at(2))) return 0;
        if (c == 0xE0 && at(1) < 0xA0) return 0;   // overlong
        if (c == 0xED && at(1) >= 0xA0) return 0;  // UTF-16 surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (left < 4 || !is_continuation(at(1)) || !is_continuation(at(2)) ||
            !is_continuation(at(3)))
            return 0;
        if (c == 0xF0 && at(1) < 0x90) return 0;   // overlong
        if (c == 0xF4 && at(1) >= 0x90) return 0;  // above U+10FFFF
        return 4;
    }
    return 0;  // a continuation byte, C0/C1 (overlong) or F5..FF
}

}  // namespace

std::size_t find_invalid_utf8(std::string_view text, std::size_t from) {
    std::size_t i = from;
    while (i < text.size()) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t n = valid_sequence_length(text, i);
        if (n == 0) return i;
        i += n;
    }
    return std::string_view::npos;
}

std::size_t invalid_utf8_length(std::string_view text, std::size_t pos) {
    // A lead byte followed by some (not enough) continuation bytes is one truncated sequence.
    std::size_t n = 1;
    const auto lead = static_cast<unsigned char>(text[pos]);
    if (lead >= 0xC2 && lead <= 0xF4) {
        while (pos + n < text.size() && n < 4 &&
               is_continuation(static_cast<unsigned char>(text[pos + n])))
            ++n;
    }
    return n;
}

std::size_t find_non_printable(std::string_view text, std::size_t from) {
    for (std::size_t i = from; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20) {
            if (c != '\t' && c != '\n' && c != '\r') return i;
        } else if (c == 0x7F) {
            return i;
        } else if (c == 0xC2 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80 && next <= 0x9F && next != 0x85) return i;  // C1 controls
        } else if (c == 0xEF && i + 2 < text.size() &&
                   static_cast<unsigned char>(text[i + 1]) == 0xBF) {
            const auto last = static_cast<unsigned char>(text[i + 2]);
            if (last == 0xBE || last == 0xBF) return i;  // U+FFFE, U+FFFF
        }
    }
    return std::string_view::npos;
}

}  // namespace descope_mgmt::config
