#include "emulator/options.hpp"

#include <charconv>
#include <functional>
#include <map>

namespace descope_mgmt::emulator {

namespace {

util::Result<long long> parse_int(const std::string& flag, const std::string& text, long long min,
                                  long long max) {
    long long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty() || value < min ||
        value > max) {
        return util::error(flag + " wants a whole number from " + std::to_string(min) + " to " +
                           std::to_string(max) + ", got '" + text + "'");
    }
    return value;
}

util::Result<int> parse_status(const std::string& flag, const std::string& text,
                               std::initializer_list<int> allowed) {
    auto value = parse_int(flag, text, 100, 599);
    if (value) {
        for (int a : allowed) {
            if (*value == a) return a;
        }
    }
    std::string list;
    for (int a : allowed)
        list += (list.empty() ? "" : ", ") + std::to_string(a);
    return util::error(flag + " wants one of " + list + ", got '" + text + "'");
}

}  // namespace

util::Result<ProjectSpec> parse_project(const std::string& text) {
    const auto first = text.find(':');
    if (first == std::string::npos || first == 0) {
        return util::error("--project wants PROJECT_ID:MANAGEMENT_KEY[:NAME]");
    }
    const auto second = text.find(':', first + 1);
    ProjectSpec spec;
    spec.id = text.substr(0, first);
    spec.management_key = util::Secret(text.substr(
        first + 1, second == std::string::npos ? std::string::npos : second - first - 1));
    spec.name = second == std::string::npos ? spec.id : text.substr(second + 1);
    if (spec.management_key.empty()) {
        return util::error("--project " + spec.id + ": the management key is empty");
    }
    return spec;
}

util::Result<Options> parse_options(const std::vector<std::string>& args) {
    Options o;
    using Setter = std::function<util::Result<void>(const std::string&)>;
    auto unwrap = [](auto result, auto& target) -> util::Result<void> {
        if (!result) return util::unexpected(result.error());
        target = static_cast<std::remove_reference_t<decltype(target)>>(*result);
        return {};
    };
    const std::map<std::string, Setter> flags = {
        {"--host",
         [&](const std::string& v) -> util::Result<void> {
             o.host = v;
             return {};
         }},
        {"--port",
         [&](const std::string& v) { return unwrap(parse_int("--port", v, 0, 65535), o.port); }},
        {"--project",
         [&](const std::string& v) -> util::Result<void> {
             auto spec = parse_project(v);
             if (!spec) return util::unexpected(spec.error());
             for (const auto& p : o.projects) {
                 if (p.id == spec->id) return util::error("--project " + p.id + " is given twice");
             }
             o.projects.push_back(std::move(*spec));
             return {};
         }},
        {"--company-key",
         [&](const std::string& v) -> util::Result<void> {
             // A ':' would make "Bearer <key>" read as "<projectId>:<key>"; the error never
             // repeats the key.
             if (v.empty() || v.find(':') != std::string::npos) {
                 return util::error("--company-key wants a non-empty key without ':'");
             }
             o.company_keys.emplace_back(v);
             return {};
         }},
        {"--tenant-attribute",
         [&](const std::string& v) -> util::Result<void> {
             auto spec = parse_attribute_spec(v);
             if (!spec) return util::unexpected(spec.error());
             for (const auto& a : o.tenant_attributes) {
                 if (a.name == spec->name) {
                     return util::error("--tenant-attribute " + a.name + " is given twice");
                 }
             }
             o.tenant_attributes.push_back(std::move(*spec));
             return {};
         }},
        {"--visibility-lag-ms",
         [&](const std::string& v) {
             return unwrap(parse_int("--visibility-lag-ms", v, 0, 600000), o.visibility_lag_ms);
         }},
        {"--delete-parent",
         [&](const std::string& v) -> util::Result<void> {
             if (v != "refuse" && v != "orphan") {
                 return util::error("--delete-parent wants refuse or orphan, got '" + v + "'");
             }
             o.orphan_sub_tenants = v == "orphan";
             return {};
         }},
        {"--state",
         [&](const std::string& v) -> util::Result<void> {
             o.state_file = v;
             return {};
         }},
        {"--request-log",
         [&](const std::string& v) -> util::Result<void> {
             o.request_log = v;
             return {};
         }},
        {"--rate-limit",
         [&](const std::string& v) -> util::Result<void> {
             auto limit = parse_rate_limit(v);
             if (!limit) return util::unexpected(limit.error());
             o.rate_limit = *limit;
             return {};
         }},
        {"--latency-ms",
         [&](const std::string& v) {
             return unwrap(parse_int("--latency-ms", v, 0, 600000), o.latency_ms);
         }},
        {"--slow-ms",
         [&](const std::string& v) {
             return unwrap(parse_int("--slow-ms", v, 0, 600000), o.slow_ms);
         }},
        {"--threads",
         [&](const std::string& v) {
             return unwrap(parse_int("--threads", v, 1, 1024), o.threads);
         }},
        {"--fault",
         [&](const std::string& v) -> util::Result<void> {
             auto fault = parse_fault(v);
             if (!fault) return util::unexpected(fault.error());
             o.faults.push_back(*fault);
             return {};
         }},
        {"--seed",
         [&](const std::string& v) {
             return unwrap(parse_int("--seed", v, 0, std::numeric_limits<long long>::max()),
                           o.seed);
         }},
        {"--not-found-status",
         [&](const std::string& v) {
             return unwrap(parse_status("--not-found-status", v, {404, 400}), o.not_found_status);
         }},
        {"--duplicate-status",
         [&](const std::string& v) {
             return unwrap(parse_status("--duplicate-status", v, {400, 409}), o.duplicate_status);
         }},
        {"--unauthorized-status",
         [&](const std::string& v) {
             return unwrap(parse_status("--unauthorized-status", v, {401, 403}),
                           o.unauthorized_status);
         }},
        {"--delete-missing",
         [&](const std::string& v) -> util::Result<void> {
             if (v == "ok") {
                 o.delete_missing_ok = true;
             } else if (v == "404" || v == "not-found") {
                 o.delete_missing_ok = false;
             } else {
                 return util::error("--delete-missing wants 404 or ok, got '" + v + "'");
             }
             return {};
         }},
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "-h" || arg == "--help") {
            o.help = true;
            continue;
        }
        if (arg == "--version") {
            o.version = true;
            continue;
        }
        if (arg == "--bare") {
            o.bare = true;
            continue;
        }
        const auto eq = arg.find('=');
        const std::string name = arg.substr(0, eq);
        const auto flag = flags.find(name);
        if (flag == flags.end()) {
            return util::error("unknown option '" + name + "' (see --help)");
        }
        std::string value;
        if (eq != std::string::npos) {
            value = arg.substr(eq + 1);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            return util::error(name + " needs a value");
        }
        if (auto ok = flag->second(value); !ok) return util::unexpected(ok.error());
    }
    if (!o.help && !o.version && o.projects.empty()) {
        return util::error("at least one --project PROJECT_ID:MANAGEMENT_KEY[:NAME] is required");
    }
    if (auto faults = FaultInjector::create(o.faults, o.seed); !faults) {
        return util::unexpected(faults.error());
    }
    return o;
}

}  // namespace descope_mgmt::emulator
