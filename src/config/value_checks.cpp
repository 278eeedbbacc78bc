#include "config/value_checks.hpp"

#include "model/duration.hpp"

namespace descope_mgmt::config {

namespace {

bool is_lower_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}
bool is_alnum(char c) {
    return is_lower_alnum(c) || (c >= 'A' && c <= 'Z');
}
bool is_space_or_control(char c) {
    return c == ' ' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
}
bool contains_space(std::string_view s) {
    for (char c : s)
        if (is_space_or_control(c)) return true;
    return false;
}

std::string check_label(std::string_view label) {
    if (label.empty()) return "a domain has no empty labels (no '..', no leading or trailing '.')";
    if (label.size() > 63) return "each dot-separated label has at most 63 characters";
    if (label.front() == '-' || label.back() == '-') return "a label cannot start or end with '-'";
    for (char c : label)
        if (!is_lower_alnum(c) && c != '-') return "use only letters, digits, '-' and '.'";
    return {};
}

}  // namespace

std::string check_domain(std::string_view text) {
    if (text.empty()) return "a domain cannot be empty";
    if (text.find("://") != std::string_view::npos)
        return "remove the scheme: write only the host name, e.g. acme.com";
    if (text.find('@') != std::string_view::npos)
        return "write the domain, not an e-mail address (acme.com, not user@acme.com)";
    if (contains_space(text)) return "a domain cannot contain spaces";
    if (text.find('/') != std::string_view::npos)
        return "remove the path: write only the host name";
    if (text.find(':') != std::string_view::npos)
        return "remove the port: write only the host name";
    if (text.find('*') != std::string_view::npos)
        return "wildcards are not allowed: list each domain";
    for (char c : text)
        if (c >= 'A' && c <= 'Z') return "write domains in lower case";
    if (text.size() > 253) return "a domain has at most 253 characters";
    if (text.find('.') == std::string_view::npos)
        return "a domain has at least two labels, e.g. acme.com";
    std::size_t start = 0;
    std::string_view last;
    while (true) {
        const std::size_t dot = text.find('.', start);
        last = text.substr(start,
                           dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (auto why = check_label(last); !why.empty()) return why;
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    bool all_digits = true;
    for (char c : last)
        all_digits = all_digits && c >= '0' && c <= '9';
    if (all_digits) return "an IP address is not a domain: the last label cannot be all digits";
    return {};
}

std::string check_project_id(std::string_view text) {
    constexpr const char* kShape =
        "a project id is 'P' followed by 27 or more letters or digits (see Project Settings in "
        "the Descope console)";
    if (!text.empty() && text[0] == 'K')
        return "this looks like a management key (they start with 'K'): a project id is 'P' "
               "followed by 27 or more letters or digits; if it is a key, replace it (it is in "
               "this file now)";
    if (text.size() < 28 || text[0] != 'P') return kShape;
    for (char c : text.substr(1))
        if (!is_alnum(c)) return kShape;
    return {};
}

std::string check_duration(std::string_view text) {
    if (model::parse_duration(text)) return {};
    bool digits_only = !text.empty();
    for (char c : text)
        digits_only = digits_only && c >= '0' && c <= '9';
    if (digits_only)
        return "add a unit: s (seconds), m (minutes), h (hours), d (days) or w (weeks), e.g. 30m";
    return "use <number><s|m|h|d|w> with a positive whole number, e.g. 90s, 30m, 12h, 7d or 4w";
}

namespace {

/// A duration of at least `floor` seconds; `floor_text` names the floor in the hint.
std::string check_duration_floor(std::string_view text, std::int64_t floor,
                                 const char* floor_text) {
    const auto d = model::parse_duration(text);
    if (!d) return check_duration(text);
    if (model::to_seconds(*d) < floor) return std::string("Descope's minimum is ") + floor_text;
    return {};
}

}  // namespace

std::string check_token_lifetime(std::string_view text) {
    return check_duration_floor(text, kMinTokenLifetimeSeconds, "3 minutes (3m or 180s)");
}

std::string check_inactivity_timeout(std::string_view text) {
    return check_duration_floor(text, kMinInactivitySeconds, "10 minutes (10m or 600s)");
}

std::string check_base_url(std::string_view text) {
    std::string_view rest;
    bool https = false;
    if (text.rfind("https://", 0) == 0) {
        rest = text.substr(8);
        https = true;
    } else if (text.rfind("http://", 0) == 0) {
        rest = text.substr(7);
    } else {
        return "use an http(s) URL, e.g. https://api.descope.com";
    }
    if (contains_space(text)) return "a URL cannot contain spaces";
    if (text.find_first_of("?#") != std::string_view::npos) return "remove the query or fragment";
    std::string_view authority = rest.substr(0, rest.find('/'));
    if (authority.find('@') != std::string_view::npos) return "do not put credentials in the URL";
    std::string_view host = authority;
    if (!host.empty() && host.front() == '[') {
        host = host.substr(
            0, host.find(']') == std::string_view::npos ? host.size() : host.find(']') + 1);
    } else {
        host = host.substr(0, host.find(':'));
    }
    if (host.empty()) return "the URL has no host name";
    if (!https && host != "localhost" && host != "[::1]" && host.rfind("127.", 0) != 0)
        return "plain http:// is allowed only for loopback addresses (127.0.0.1, [::1], "
               "localhost): use https://";
    return {};
}

std::string check_environment_name(std::string_view text) {
    if (text == "all") return "'all' is reserved: '--env all' selects every environment";
    bool ok = !text.empty() && text[0] >= 'a' && text[0] <= 'z';
    for (char c : text)
        ok = ok && (is_lower_alnum(c) || c == '-' || c == '_');
    if (!ok) return "use lower-case letters, digits, '-' and '_', starting with a letter";
    return {};
}

std::string check_identifier(std::string_view text) {
    if (contains_space(text)) return "it cannot contain spaces or control characters";
    return {};
}

std::string check_version(std::string_view text) {
    if (text == "1") return {};
    return "this descope-mgmt reads version 1 (a newer descope-mgmt may read this file)";
}

std::string default_credential_variable(std::string_view environment, std::string_view what) {
    std::string name = "DESCOPE_";
    for (char c : environment) {
        if (c >= 'a' && c <= 'z') {
            name += static_cast<char>(c - 'a' + 'A');
        } else if (c == '-') {
            name += '_';
        } else {
            name += c;
        }
    }
    name += '_';
    name += what;
    return name;
}

}  // namespace descope_mgmt::config
