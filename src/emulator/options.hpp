#pragma once
// descope-emulator's command line (interface.md, "The emulator"; docs/emulator.md). A small hand
// parser: CLI11 stays in src/cli, and these flags are few and flat.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "emulator/fault_injector.hpp"
#include "emulator/rate_limiter.hpp"
#include "emulator/tenant_rules.hpp"
#include "util/result.hpp"
#include "util/secret.hpp"

namespace descope_mgmt::emulator {

struct ProjectSpec {
    std::string id;
    util::Secret management_key;
    std::string name;  // defaults to the id
};

/// Parses PROJECT_ID:MANAGEMENT_KEY[:NAME]; the error never repeats the key.
util::Result<ProjectSpec> parse_project(const std::string& text);

struct Options {
    std::string host = "127.0.0.1";
    int port = 0;  // 0 = any free port
    std::vector<ProjectSpec> projects;
    /// R1 (--company-key): keys not limited to specific projects; `Bearer <projectId>:<key>` for
    /// every hosted project, and the only keys projects/list accepts (also as `Bearer <key>`).
    std::vector<util::Secret> company_keys;
    std::filesystem::path state_file;   // empty = in memory only
    std::filesystem::path request_log;  // empty = no log
    std::optional<RateLimit> rate_limit;
    int latency_ms = 0;
    std::vector<FaultSpec> faults;
    std::uint64_t seed = 1;
    int slow_ms = 5000;
    int threads = 64;
    // Answers the real service may give differently (descope-api.md §12).
    int not_found_status = 404;
    int duplicate_status = 400;
    int unauthorized_status = 401;
    bool delete_missing_ok = false;
    /// R11 (--delete-parent orphan): deleting a tenant with sub-tenants makes them top-level
    /// instead of being refused.
    bool orphan_sub_tenants = false;

    // Real-service behaviours (docs/emulator.md, "Fidelity rules").
    std::vector<AttributeSpec> tenant_attributes;  // R4 --tenant-attribute
    int visibility_lag_ms = 0;                     // R7 --visibility-lag-ms
    bool bare = false;                             // R5 --bare: no built-ins

    bool help = false;
    bool version = false;
};

/// Parses argv (without the program name). Accepts "--flag value" and "--flag=value".
util::Result<Options> parse_options(const std::vector<std::string>& args);

/// The --help text.
std::string usage();

}  // namespace descope_mgmt::emulator
