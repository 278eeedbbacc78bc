#pragma once

#include <string>
#include <vector>

namespace descope_mgmt::render {

/// Left-aligned columns separated by two spaces, each row indented by two spaces and ended by
/// a newline; the last column is not padded. Cells are shown through util::terminal_safe.
std::string format_table(const std::vector<std::vector<std::string>>& rows);

}  // namespace descope_mgmt::render
