#pragma once
// UTF-8 validation for the config loader: a config file is UTF-8 text (YAML 1.2 streams are
// Unicode), and a value that is not valid UTF-8 would be stored by Descope as U+FFFD and then
// never match the file again.

#include <cstddef>
#include <string_view>

namespace descope_mgmt::config {

/// The byte offset, at or after `from`, of the first byte that does not start a valid UTF-8
/// sequence (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF, no truncated
/// sequence), or std::string_view::npos when the rest of `text` is valid.
std::size_t find_invalid_utf8(std::string_view text, std::size_t from = 0);

/// The length of the invalid sequence that starts at `pos` (what find_invalid_utf8 returned): 1
/// for a stray byte, more for a truncated or out-of-range multi-byte sequence, so that scanning
/// can resume after it.
std::size_t invalid_utf8_length(std::string_view text, std::size_t pos);

/// The byte offset, at or after `from`, of the first character that YAML 1.2 does not allow in
/// a stream (outside c-printable: C0 controls other than tab, line feed and carriage return,
/// DEL, C1 controls other than NEL, U+FFFE, U+FFFF), or npos. `text` must be valid UTF-8.
/// Escapes in double-quoted scalars ("\0") are how YAML writes such characters.
std::size_t find_non_printable(std::string_view text, std::size_t from = 0);

}  // namespace descope_mgmt::config
