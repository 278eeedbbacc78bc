#include "render/table.hpp"

#include <algorithm>

#include "util/terminal_text.hpp"

namespace descope_mgmt::render {

std::string format_table(const std::vector<std::vector<std::string>>& raw) {
    // Cells hold names and descriptions from the config and the server: escaped first, so that
    // the columns are measured as shown.
    std::vector<std::vector<std::string>> rows;
    rows.reserve(raw.size());
    for (const auto& row : raw) {
        std::vector<std::string> cells;
        cells.reserve(row.size());
        for (const auto& cell : row)
            cells.push_back(util::terminal_safe(cell));
        rows.push_back(std::move(cells));
    }
    std::vector<std::size_t> width;
    for (const auto& row : rows) {
        width.resize(std::max(width.size(), row.size()));
        for (std::size_t c = 0; c < row.size(); ++c)
            width[c] = std::max(width[c], row[c].size());
    }
    std::string out;
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t c = 0; c < row.size(); ++c) {
            line += row[c];
            if (c + 1 < row.size()) line += std::string(width[c] - row[c].size() + 2, ' ');
        }
        out += "  " + line + "\n";
    }
    return out;
}

}  // namespace descope_mgmt::render
