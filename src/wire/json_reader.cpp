#include "wire/json_reader.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "util/strings.hpp"

namespace descope_mgmt::wire {

using nlohmann::json;

util::Result<json> parse_json(std::string_view text) {
    if (util::find_too_deep_json(text))
        return util::error("body is JSON nested deeper than " +
                           std::to_string(util::kMaxJsonDepth) + " levels");
    // allow_exceptions = false: a parse error yields a "discarded" value instead of throwing.
    json parsed = json::parse(text.begin(), text.end(), nullptr, false);
    if (parsed.is_discarded()) {
        if (text.empty()) return util::error("empty body where JSON was expected");
        return util::error("body is not valid JSON");
    }
    return parsed;
}

std::string to_text(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string json_type_name(const json& value) {
    if (value.is_number_integer() || value.is_number_unsigned()) return "integer";
    return value.type_name();
}

ObjectReader::ObjectReader(const json& object, std::string path)
    : m_object(object), m_path(std::move(path)) {
    if (!m_object.is_object()) {
        m_error = util::Error{(m_path.empty() ? std::string("body") : m_path) +
                              ": expected an object, got " + json_type_name(m_object)};
    }
}

std::string ObjectReader::child_path(std::string_view key) const {
    if (m_path.empty()) return std::string(key);
    return m_path + "." + std::string(key);
}

void ObjectReader::fail(std::string_view key, std::string message) {
    if (!m_error) m_error = util::Error{child_path(key) + ": " + std::move(message)};
}

void ObjectReader::absorb(const util::Error& error) {
    if (!m_error) m_error = error;
}

const json* ObjectReader::field(std::string_view key) const {
    if (!m_object.is_object()) return nullptr;
    auto it = m_object.find(key);
    if (it == m_object.end() || it->is_null()) return nullptr;
    return &*it;
}

bool ObjectReader::has(std::string_view key) const {
    return field(key) != nullptr;
}

std::string ObjectReader::string(std::string_view key) {
    const json* v = field(key);
    if (!v) return {};
    if (!v->is_string()) {
        fail(key, "expected a string, got " + json_type_name(*v));
        return {};
    }
    return v->get_ref<const std::string&>();
}

bool ObjectReader::boolean(std::string_view key) {
    const json* v = field(key);
    if (!v) return false;
    if (!v->is_boolean()) {
        fail(key, "expected true or false, got " + json_type_name(*v));
        return false;
    }
    return v->get<bool>();
}

std::int64_t ObjectReader::integer(std::string_view key) {
    const json* v = field(key);
    if (!v) return 0;
    if (v->is_number_integer()) return v->get<std::int64_t>();
    if (v->is_number_unsigned()) {
        const auto u = v->get<std::uint64_t>();
        if (u <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(u);
    }
    if (v->is_string()) {
        // protojson writes int64 fields as strings.
        const auto& s = v->get_ref<const std::string&>();
        std::int64_t out = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        if (ec == std::errc() && end == s.data() + s.size() && !s.empty()) return out;
    }
    fail(key, "expected an integer, got " + json_type_name(*v));
    return 0;
}

std::vector<std::string> ObjectReader::strings(std::string_view key) {
    std::vector<std::string> out;
    const json* v = array(key);
    if (!v) return out;
    for (std::size_t i = 0; i < v->size(); ++i) {
        const json& item = (*v)[i];
        if (!item.is_string()) {
            fail(std::string(key) + "[" + std::to_string(i) + "]",
                 "expected a string, got " + json_type_name(item));
            return {};
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

const json* ObjectReader::object(std::string_view key) {
    const json* v = field(key);
    if (!v) return nullptr;
    if (!v->is_object()) {
        fail(key, "expected an object, got " + json_type_name(*v));
        return nullptr;
    }
    return v;
}

const json* ObjectReader::array(std::string_view key) {
    const json* v = field(key);
    if (!v) return nullptr;
    if (!v->is_array()) {
        fail(key, "expected an array, got " + json_type_name(*v));
        return nullptr;
    }
    return v;
}

const json* ObjectReader::required_array(std::string_view key) {
    const json* v = array(key);
    if (!v && ok()) fail(key, "missing: the answer has no list here, not even an empty one");
    return v;
}

std::string ObjectReader::required_string(std::string_view key) {
    std::string v = string(key);
    if (v.empty() && ok()) fail(key, "missing or empty");
    return v;
}

}  // namespace descope_mgmt::wire
