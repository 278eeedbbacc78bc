#pragma once
// Helpers of the JSON tests: a serialiser that writes object keys in a chosen order (so tests
// can feed the canonicaliser text whose key order differs from the sorted one), and golden
// files (compare, or rewrite when UPDATE_GOLDEN=1).

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "flow_generator.hpp"

namespace descope_mgmt::testing {

/// `value` as JSON text with each object's keys in an order drawn from `rng`, and arbitrary
/// whitespace. Parsing the result gives back `value`.
inline std::string dump_shuffled(const nlohmann::json& value, SplitMix& rng) {
    if (value.is_object()) {
        std::vector<std::pair<std::string, const nlohmann::json*>> items;
        for (auto it = value.begin(); it != value.end(); ++it)
            items.emplace_back(it.key(), &*it);
        for (std::size_t i = items.size(); i > 1; --i)
            std::swap(items[i - 1], items[rng.below(i)]);
        std::string out = "{";
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i) out += rng.chance(50) ? ",\n  " : ",";
            out +=
                nlohmann::json(items[i].first).dump() + ": " + dump_shuffled(*items[i].second, rng);
        }
        return out + "}";
    }
    if (value.is_array()) {
        std::string out = "[";
        for (std::size_t i = 0; i < value.size(); ++i) {
            if (i) out += ", ";
            out += dump_shuffled(value[i], rng);
        }
        return out + "]";
    }
    return value.dump();
}

inline std::filesystem::path golden_dir() {
    return std::filesystem::path(DM_SOURCE_DIR) / "tests" / "golden" / "json_diff";
}

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// Compares `actual` with the golden file `name`; with UPDATE_GOLDEN=1 rewrites the file
/// instead (then review `git diff tests/golden`).
inline void expect_golden(const std::string& name, const std::string& actual) {
    const auto path = golden_dir() / name;
    const char* update = std::getenv("UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        std::ofstream(path, std::ios::binary) << actual;
        return;
    }
    ASSERT_TRUE(std::filesystem::exists(path))
        << path << " is missing; run the test with UPDATE_GOLDEN=1 to create it";
    EXPECT_EQ(read_text(path), actual) << "golden file " << path
                                       << " differs; if the change is intended, run with "
                                          "UPDATE_GOLDEN=1 and review the diff";
}

}  // namespace descope_mgmt::testing
