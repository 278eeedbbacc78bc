#include "render/text_style.hpp"

#include <fmt/format.h>

#include "util/terminal_text.hpp"

namespace descope_mgmt::render {

namespace {

// What is wrapped is data (names, keys, reasons): escaped, so that only our codes reach the
// terminal.
std::string wrap(const TextStyle& style, const char* code, std::string_view text) {
    if (!style.color) return util::terminal_safe(text);
    return fmt::format("\033[{}m{}\033[0m", code, util::terminal_safe(text));
}

std::string quote(const std::string& s) {
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char ch = s[i];
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x80) {
            // A run of non-ASCII bytes: C1 controls, bidi controls and invalid UTF-8 escaped.
            std::size_t end = i;
            while (end < s.size() && static_cast<unsigned char>(s[end]) >= 0x80)
                ++end;
            out += util::terminal_safe(std::string_view(s).substr(i, end - i));
            i = end - 1;
            continue;
        }
        switch (ch) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                // Control characters (and ESC) are escaped so that a value cannot drive the
                // terminal.
                if (c < 0x20 || c == 0x7f) {
                    out += fmt::format("\\u{:04x}", c);
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
    return out;
}

}  // namespace

std::string colored(const TextStyle& style, plan::Action action, std::string_view text) {
    switch (action) {
        case plan::Action::create:
            return wrap(style, "32", text);
        case plan::Action::update:
            return wrap(style, "33", text);
        case plan::Action::remove:
            return wrap(style, "31", text);
        case plan::Action::replace:
            return wrap(style, "35", text);
        case plan::Action::no_op:
            break;
    }
    return std::string(text);
}

std::string bold(const TextStyle& style, std::string_view text) {
    return wrap(style, "1", text);
}
std::string dim(const TextStyle& style, std::string_view text) {
    return wrap(style, "2", text);
}

std::string format_value(const plan::Value& value) {
    struct Visitor {
        std::string operator()(std::monostate) const { return "(unset)"; }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(std::int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const { return fmt::format("{}", d); }
        std::string operator()(const std::string& s) const { return quote(s); }
        std::string operator()(const std::vector<std::string>& v) const {
            std::string out = "[";
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (i) out += ", ";
                out += quote(v[i]);
            }
            return out + "]";
        }
    };
    return std::visit(Visitor{}, value);
}

}  // namespace descope_mgmt::render
