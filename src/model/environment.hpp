#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "util/secret.hpp"

namespace descope_mgmt::model {

enum class RateLimitScope {
    environment,  // one bucket per environment (each has its own egress IP)
    shared,       // one bucket for all environments (default: Descope limits per IP, R9)
};

struct RateLimit {
    int requests = 100;  // Descope's plain API limit: 100 / 60 s per IP
    int per_seconds = 60;

    bool operator==(const RateLimit&) const = default;
};

/// Types whose undeclared live objects may be deleted (`defaults.prune`, `--prune`).
enum class PruneType { tenants, roles, permissions, flows };

/// `defaults.backups`: where apply keeps the backups it takes before it changes an environment.
/// Unset fields keep the built-in defaults; the DESCOPE_MGMT_BACKUP_* variables override them.
/// (The config cannot switch backups off: a whole team would lose them on every environment.)
struct BackupDefaults {
    std::optional<std::string> dir;  // as written; relative paths start at the config's folder
    std::optional<int> keep;         // newest backups kept per environment (>= 1)
};

struct Defaults {
    RateLimit rate_limit;
    RateLimitScope rate_limit_scope = RateLimitScope::shared;
    std::set<PruneType> prune;
    BackupDefaults backups;
};

/// One environment = one Descope project, after `${VAR}` substitution and defaults.
struct Environment {
    std::string name;
    std::string project_id;
    util::Secret management_key;
    bool is_protected = false;
    std::optional<std::string> project_name;  // managed project name; nullopt = not managed
    /// Explicit base URL: DESCOPE_BASE_URL, else the config's base_url; nullopt = derive from
    /// the project id.
    std::optional<std::string> base_url;
    /// Set when DESCOPE_BASE_URL replaced the address: the config's own base_url ("" when it
    /// declares none), so that a command can say what it overrode.
    std::optional<std::string> overridden_base_url;
    RateLimit rate_limit;  // the environment's own or the default
    /// Unset credential variables (warnings for `validate`; errors for commands that use it).
    std::vector<diag::Diagnostic> credential_problems;
};

}  // namespace descope_mgmt::model
