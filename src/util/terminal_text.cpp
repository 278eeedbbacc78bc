#include "util/terminal_text.hpp"

#include <cstdint>

namespace descope_mgmt::util {

namespace {

constexpr char kHex[] = "0123456789abcdef";

/// The length of the valid UTF-8 sequence at `pos` (1-4) with its code point, or 0 when the
/// byte there does not start one (RFC 3629: no overlong forms, no surrogates, <= U+10FFFF).
std::size_t decode(std::string_view s, std::size_t pos, std::uint32_t& cp) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[pos + i]); };
    const auto cont = [&](std::size_t i, unsigned lo = 0x80, unsigned hi = 0xBF) {
        return pos + i < s.size() && byte(i) >= lo && byte(i) <= hi;
    };
    const unsigned b0 = byte(0);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        if (!cont(1)) return 0;
        cp = ((b0 & 0x1Fu) << 6) | (byte(1) & 0x3Fu);
        return 2;
    }
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        const unsigned lo = b0 == 0xE0 ? 0xA0 : 0x80;
        const unsigned hi = b0 == 0xED ? 0x9F : 0xBF;
        if (!cont(1, lo, hi) || !cont(2)) return 0;
        cp = ((b0 & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu);
        return 3;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        const unsigned lo = b0 == 0xF0 ? 0x90 : 0x80;
        const unsigned hi = b0 == 0xF4 ? 0x8F : 0xBF;
        if (!cont(1, lo, hi) || !cont(2) || !cont(3)) return 0;
        cp = ((b0 & 0x07u) << 18) | ((byte(1) & 0x3Fu) << 12) | ((byte(2) & 0x3Fu) << 6) |
             (byte(3) & 0x3Fu);
        return 4;
    }
    return 0;
}

bool is_format_control(std::uint32_t cp) {
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

/// The escape of one character (empty when it is kept as it is); `buffer` holds it.
std::string_view escape_of(std::uint32_t cp, std::size_t length, char (&buffer)[8]) {
    if (length == 0) {  // an invalid byte; cp holds it
        buffer[0] = '\\';
        buffer[1] = 'x';
        buffer[2] = kHex[(cp >> 4) & 0xF];
        buffer[3] = kHex[cp & 0xF];
        return {buffer, 4};
    }
    if (cp == '\n') return "\\n";
    if (cp == '\r') return "\\r";
    if (cp == '\t') return "\\t";
    if (cp < 0x20 || cp == 0x7F) {
        buffer[0] = '\\';
        buffer[1] = 'x';
        buffer[2] = kHex[(cp >> 4) & 0xF];
        buffer[3] = kHex[cp & 0xF];
        return {buffer, 4};
    }
    if ((cp >= 0x80 && cp <= 0x9F) || is_format_control(cp)) {
        buffer[0] = '\\';
        buffer[1] = 'u';
        for (int i = 0; i < 4; ++i)
            buffer[2 + i] = kHex[(cp >> (12 - 4 * i)) & 0xF];
        return {buffer, 6};
    }
    return {};
}

}  // namespace

std::string terminal_safe(std::string_view text, std::size_t max_bytes) {
    std::string out;
    out.reserve(text.size() < max_bytes ? text.size() : max_bytes);
    char buffer[8];
    for (std::size_t pos = 0; pos < text.size();) {
        std::uint32_t cp = 0;
        std::size_t length = decode(text, pos, cp);
        if (length == 0) cp = static_cast<unsigned char>(text[pos]);
        const std::string_view escape = escape_of(cp, length, buffer);
        const std::string_view piece = !escape.empty() ? escape : text.substr(pos, length);
        if (piece.size() > max_bytes - out.size()) {
            out += " \xE2\x80\xA6 (";  // " … ("
            out += std::to_string(text.size());
            out += " bytes, cut)";
            return out;
        }
        out += piece;
        pos += length == 0 ? 1 : length;
    }
    return out;
}

std::string terminal_safe_lines(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find('\n', start);
        out += terminal_safe(text.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) return out;
        out += '\n';
        start = end + 1;
    }
}

}  // namespace descope_mgmt::util
