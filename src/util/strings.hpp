#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace descope_mgmt::util {

/// Edit distance between a and b: insertions, deletions, substitutions and swaps of two
/// neighbouring characters each count 1 (optimal string alignment).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word` when it is close enough to be a plausible typo
/// (distance <= max(1, word.size() / 3)), for "did you mean ...?" hints.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

std::vector<std::string> split(std::string_view text, char separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
bool starts_with(std::string_view text, std::string_view prefix);
std::string to_upper(std::string_view text);

}  // namespace descope_mgmt::util
