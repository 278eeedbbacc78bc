#pragma once
// Text that came from a server or a config file, made safe to print on a terminal: a tenant
// name holding ESC[31m, a bidi override or a carriage return must not colour, reorder or
// overwrite what the user reads, and a 5 MB error page must not fill the screen.

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>

namespace descope_mgmt::util {

/// No cut (terminal_safe's default).
inline constexpr std::size_t kNoCut = std::numeric_limits<std::size_t>::max();

/// The most bytes of a server's error message that are kept, in text and in JSON output:
/// Descope's are one sentence; a longer one is a proxy's error page or worse.
inline constexpr std::size_t kMaxServerMessageBytes = 1000;

/// The most bytes of one diagnostic message, note or source line that a terminal is shown
/// (JSON output keeps them whole).
inline constexpr std::size_t kMaxShownLineBytes = 2000;

/// `text` with everything that can drive a terminal written as a visible escape: C0 controls
/// (`\n`, `\r`, `\t`, else `\x1b`-style), DEL (`\x7f`), C1 controls (`\u0080`..`\u009f`), the
/// Unicode bidi controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069) and the line
/// and paragraph separators (U+2028, U+2029) as `\u202e`-style escapes, and each byte of invalid
/// UTF-8 as `\xNN`. Everything else (backslashes included) is kept: the result is for reading,
/// not for parsing back, and escaping it again changes nothing.
///
/// When the escaped text would pass `max_bytes`, it is cut at a character boundary (never inside
/// an escape) and " … (N bytes, cut)" is appended, N being the size of `text`: the result never
/// has more than `max_bytes` bytes plus that marker. Work stops at the cut, so a 50 MB input
/// costs no more than a short one.
std::string terminal_safe(std::string_view text, std::size_t max_bytes = kNoCut);

/// terminal_safe() of each line of `text`, the '\n' between them kept: for text of several
/// lines (a JSON diff, a report) that holds no escape sequence of its own.
std::string terminal_safe_lines(std::string_view text);

}  // namespace descope_mgmt::util
