#include "api/base_url.hpp"

#include <algorithm>
#include <cctype>

namespace descope_mgmt::api {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string region_of(std::string_view project_id) {
    if (project_id.size() >= 32) return std::string(project_id.substr(1, 4));
    return {};
}

/// The host of an authority "host[:port]" / "[v6]:port"; "" when malformed.
std::string host_of(std::string_view authority) {
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) return {};
        return std::string(authority.substr(1, close - 1));
    }
    return std::string(authority.substr(0, authority.find(':')));
}

}  // namespace

std::string default_base_url(std::string_view project_id) {
    const std::string region = region_of(project_id);
    if (region.empty()) return "https://api.descope.com";
    return "https://api." + region + ".descope.com";
}

bool is_loopback_host(std::string_view host) {
    const std::string h = lower(host);
    return h == "127.0.0.1" || h == "::1" || h == "[::1]" || h == "localhost";
}

util::Result<std::string> resolve_base_url(std::string_view project_id,
                                           const std::optional<std::string>& explicit_url) {
    if (!explicit_url || explicit_url->empty()) return default_base_url(project_id);
    std::string url = *explicit_url;
    const std::string shown = "base URL \"" + url + "\"";
    if (auto pos = url.find("<region>"); pos != std::string::npos) {
        const std::string region = region_of(project_id);
        url.replace(pos, 8, region.empty() ? "" : region + ".");
    }
    while (!url.empty() && url.back() == '/')
        url.pop_back();

    const auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos) {
        return util::error(shown + ": expected https://HOST[:PORT][/PATH]");
    }
    const std::string scheme = lower(url.substr(0, scheme_end));
    if (scheme != "https" && scheme != "http") {
        return util::error(shown + ": scheme must be https:// (or http:// for a loopback host)");
    }
    const std::string rest = url.substr(scheme_end + 3);
    if (rest.find_first_of("?#") != std::string::npos) {
        return util::error(shown + ": a query or fragment is not allowed");
    }
    const std::string authority = rest.substr(0, rest.find('/'));
    if (authority.find('@') != std::string::npos) {
        return util::error(shown + ": credentials in the URL are not allowed");
    }
    const std::string host = host_of(authority);
    if (host.empty()) return util::error(shown + ": no host");
    if (scheme == "http" && !is_loopback_host(host)) {
        return util::error(shown +
                           ": plain http:// is only allowed for loopback hosts (127.0.0.1, ::1, "
                           "localhost); use https://");
    }
    // Normalise the scheme's case so the transport's protocol check sees "http"/"https".
    return scheme + url.substr(scheme_end);
}

}  // namespace descope_mgmt::api
