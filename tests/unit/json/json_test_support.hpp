#pragma once
// Helpers of the JSON tests: a serialiser that writes object keys in a chosen order (so tests
// can feed the canonicaliser text whose key order differs from the sorted one), and golden
// files (support/golden.hpp).

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "flow_generator.hpp"
#include "support/golden.hpp"

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

/// Compares `actual` with tests/golden/json_diff/`name` (UPDATE_GOLDEN=1 rewrites it).
inline void expect_golden(const std::string& name, const std::string& actual) {
    test::expect_golden("json_diff", name, actual);
}

}  // namespace descope_mgmt::testing
