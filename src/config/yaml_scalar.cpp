// The YAML 1.2 core schema for plain scalars. It is stricter than YAML 1.1 habits on
// purpose: `yes`, `no`, `on` and `off` are strings, so `country: no` stays "no".
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "config/yaml_tree.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::config {

namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool all_of(std::string_view s, bool (*pred)(char)) {
    if (s.empty()) return false;
    for (char c : s)
        if (!pred(c)) return false;
    return true;
}

bool is_octal(char c) {
    return c >= '0' && c <= '7';
}
bool is_hex(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

std::string_view strip_sign(std::string_view s) {
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
    return s;
}

bool is_null_text(std::string_view s) {
    return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

bool is_bool_text(std::string_view s) {
    return s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" ||
           s == "FALSE";
}

bool is_int_text(std::string_view s) {
    if (s.size() > 2 && s[0] == '0' && s[1] == 'o') return all_of(s.substr(2), is_octal);
    if (s.size() > 2 && s[0] == '0' && s[1] == 'x') return all_of(s.substr(2), is_hex);
    return all_of(strip_sign(s), is_digit);
}

bool is_float_text(std::string_view s) {
    std::string_view body = strip_sign(s);
    if (body == ".inf" || body == ".Inf" || body == ".INF") return true;
    if (s == ".nan" || s == ".NaN" || s == ".NAN") return true;
    std::size_t i = 0;
    std::size_t digits = 0;
    while (i < body.size() && is_digit(body[i]))
        ++i, ++digits;
    if (i < body.size() && body[i] == '.') {
        ++i;
        while (i < body.size() && is_digit(body[i]))
            ++i, ++digits;
    }
    if (digits == 0) return false;
    if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
        ++i;
        if (i < body.size() && (body[i] == '-' || body[i] == '+')) ++i;
        const std::size_t exp_start = i;
        while (i < body.size() && is_digit(body[i]))
            ++i;
        if (i == exp_start) return false;
    }
    return i == body.size();
}

}  // namespace

ScalarType scalar_type(const YamlNode& node) {
    if (node.kind == YamlKind::null) return ScalarType::null;
    if (node.kind != YamlKind::scalar || node.style != ScalarStyle::plain)
        return ScalarType::string;
    const std::string& s = node.text;
    if (is_null_text(s)) return ScalarType::null;
    if (is_bool_text(s)) return ScalarType::boolean;
    if (is_int_text(s)) return ScalarType::integer;
    if (is_float_text(s)) return ScalarType::floating;
    return ScalarType::string;
}

std::optional<std::int64_t> scalar_int(const YamlNode& node) {
    if (scalar_type(node) != ScalarType::integer) return std::nullopt;
    std::string_view s = node.text;
    int base = 10;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
        base = s[1] == 'o' ? 8 : 16;
        s.remove_prefix(2);
    } else if (!s.empty() && s[0] == '+') {
        s.remove_prefix(1);
    }
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value, base);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return value;
}

std::optional<double> scalar_float(const YamlNode& node) {
    const ScalarType t = scalar_type(node);
    if (t == ScalarType::integer) {
        if (auto i = scalar_int(node)) return static_cast<double>(*i);
        return std::nullopt;
    }
    if (t != ScalarType::floating) return std::nullopt;
    std::string_view body = strip_sign(node.text);
    const bool negative = !node.text.empty() && node.text[0] == '-';
    if (body.size() == 4 && body[0] == '.' && (body[1] == 'i' || body[1] == 'I'))
        return negative ? -HUGE_VAL : HUGE_VAL;
    if (body.size() == 4 && body[0] == '.') return std::nan("");
    // strtod accepts the core-schema forms that reached here; it needs a terminated string.
    return std::strtod(node.text.c_str(), nullptr);
}

std::optional<bool> scalar_bool(const YamlNode& node) {
    if (scalar_type(node) != ScalarType::boolean) return std::nullopt;
    return node.text[0] == 't' || node.text[0] == 'T';
}

std::string shown(const YamlNode& node) {
    if (!node.variables.empty()) {
        std::vector<std::string> refs;
        for (const auto& v : node.variables)
            refs.push_back("${" + v + "}");
        if (refs.size() == 1) return "(the value of " + refs[0] + ")";
        return "(the value built from " + util::join(refs, ", ") + ")";
    }
    constexpr std::size_t kMax = 60;
    std::string out = "'";
    for (std::size_t i = 0; i < node.text.size() && i < kMax; ++i) {
        const char c = node.text[i];
        if (c == '\n') {
            out += "\\n";
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
            out += '?';
        } else {
            out += c;
        }
    }
    if (node.text.size() > kMax) out += "...";
    return out + "'";
}

std::string_view describe_kind(const YamlNode& node) {
    switch (node.kind) {
        case YamlKind::null:
            return "no value";
        case YamlKind::sequence:
            return "a list";
        case YamlKind::mapping:
            return "a mapping";
        case YamlKind::scalar:
            break;
    }
    switch (scalar_type(node)) {
        case ScalarType::null:
            return "no value";
        case ScalarType::boolean:
            return "a boolean";
        case ScalarType::integer:
            return "an integer";
        case ScalarType::floating:
            return "a number";
        case ScalarType::string:
            break;
    }
    return "a string";
}

}  // namespace descope_mgmt::config
