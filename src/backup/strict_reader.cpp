#include "backup/strict_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

namespace descope_mgmt::backup {

std::string json_kind(const nlohmann::json& value) {
    if (value.is_object()) return "object";
    if (value.is_array()) return "array";
    if (value.is_string()) return "string";
    if (value.is_number_integer()) return "integer";
    if (value.is_number()) return "number";
    if (value.is_boolean()) return "boolean";
    return "null";
}

StrictReader::StrictReader(const nlohmann::json& value, std::string path, Problems& problems,
                           std::initializer_list<std::string_view> known)
    : m_path(std::move(path)), m_problems(problems) {
    if (!value.is_object()) {
        m_problems.error(fmt::format("{}: expected an object, got {}",
                                     m_path.empty() ? "(document)" : m_path, json_kind(value)));
        return;
    }
    m_object = &value;
    for (const auto& item : value.items()) {
        if (std::find(known.begin(), known.end(), item.key()) == known.end())
            m_problems.error(fmt::format("{}: unknown field", child_path(item.key())));
    }
}

std::string StrictReader::child_path(std::string_view key) const {
    return m_path.empty() ? std::string(key) : fmt::format("{}.{}", m_path, key);
}

void StrictReader::fail(std::string_view key, const std::string& message) {
    m_problems.error(fmt::format("{}: {}", child_path(key), message));
}

void StrictReader::wrong_type(std::string_view key, std::string_view expected,
                              const nlohmann::json& got) {
    fail(key, fmt::format("expected {}, got {}", expected, json_kind(got)));
}

const nlohmann::json* StrictReader::require(std::string_view key) {
    if (m_object == nullptr) return nullptr;
    const auto it = m_object->find(key);
    if (it == m_object->end()) {
        fail(key, "required field is missing");
        return nullptr;
    }
    return &*it;
}

std::optional<std::string> StrictReader::string(std::string_view key) {
    const auto* v = require(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_string()) {
        wrong_type(key, "a string", *v);
        return std::nullopt;
    }
    return v->get<std::string>();
}

std::optional<bool> StrictReader::boolean(std::string_view key) {
    const auto* v = require(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_boolean()) {
        wrong_type(key, "a boolean", *v);
        return std::nullopt;
    }
    return v->get<bool>();
}

std::optional<std::int64_t> StrictReader::integer(std::string_view key) {
    const auto* v = require(key);
    if (v == nullptr) return std::nullopt;
    if (v->is_number_unsigned() &&
        v->get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max())) {
        fail(key, "integer out of range");
        return std::nullopt;
    }
    if (!v->is_number_integer()) {
        wrong_type(key, "an integer", *v);
        return std::nullopt;
    }
    return v->get<std::int64_t>();
}

std::optional<std::vector<std::string>> StrictReader::strings(std::string_view key) {
    const auto* v = require(key);
    if (v == nullptr) return std::nullopt;
    if (!v->is_array()) {
        wrong_type(key, "an array of strings", *v);
        return std::nullopt;
    }
    std::vector<std::string> out;
    bool ok = true;
    for (std::size_t i = 0; i < v->size(); ++i) {
        const auto& item = (*v)[i];
        if (!item.is_string()) {
            fail(fmt::format("{}[{}]", key, i), "expected a string, got " + json_kind(item));
            ok = false;
            continue;
        }
        out.push_back(item.get<std::string>());
    }
    if (!ok) return std::nullopt;
    return out;
}

const nlohmann::json* StrictReader::array(std::string_view key) {
    const auto* v = require(key);
    if (v == nullptr) return nullptr;
    if (!v->is_array()) {
        wrong_type(key, "an array", *v);
        return nullptr;
    }
    return v;
}

const nlohmann::json* StrictReader::object_or_null(std::string_view key) {
    const auto* v = require(key);
    if (v == nullptr || v->is_null()) return nullptr;
    if (!v->is_object()) {
        wrong_type(key, "an object or null", *v);
        return nullptr;
    }
    return v;
}

const nlohmann::json* StrictReader::any(std::string_view key) {
    return require(key);
}

}  // namespace descope_mgmt::backup
