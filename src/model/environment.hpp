#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
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

/// The one reading of a prune type, for `defaults.prune` and `--prune` alike: the plural
/// ("tenants", the documented spelling) or the singular ("tenant"). nullopt for anything else.
std::optional<PruneType> parse_prune_type(std::string_view word);
/// The documented spellings, plural: "tenants", "roles", "permissions", "flows".
const std::vector<std::string>& prune_type_names();
/// The singulars, also accepted: "tenant", "role", "permission", "flow".
const std::vector<std::string>& prune_type_singulars();

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

/// Where an environment's credential comes from, so that a refusal can say what to check. Never
/// the value.
struct CredentialOrigin {
    /// The process environment variables the value was read from: the ${VAR}s the config's
    /// value references, or the default (DESCOPE_PROD_MANAGEMENT_KEY) when the config leaves the
    /// key out. Empty when the value is written in the config as it is.
    std::vector<std::string> variables;
    /// The config key ("environments.prod.management_key") and where its value is written;
    /// `location` is unknown when the config leaves the key out.
    std::string config_key;
    diag::SourceLocation location;
};

/// One environment = one Descope project, after `${VAR}` substitution and defaults.
struct Environment {
    std::string name;
    std::string project_id;
    util::Secret management_key;
    CredentialOrigin management_key_origin;
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

/// What to check when Descope refuses `env`'s management key (HTTP 401/403), naming where the
/// key comes from, never the key: "check DESCOPE_PROD_MANAGEMENT_KEY: it is the key for prod's
/// project P2..." or, for a key written in the config, "check environments.prod.management_key
/// (descope.yaml:12:21): ...".
std::string credential_hint(const Environment& env);

}  // namespace descope_mgmt::model
