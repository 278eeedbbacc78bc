// version, defaults and environments: credentials (with their ${DESCOPE_<ENV>_...} defaults),
// DESCOPE_BASE_URL, rate limits.
#include <fmt/format.h>

#include "config/loader_internal.hpp"
#include "config/value_checks.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::config {

std::optional<std::string> text_of(const YamlNode* node) {
    if (node == nullptr || !node->is_scalar() || node->unresolved) return std::nullopt;
    return node->text;
}

std::optional<bool> bool_of(const YamlNode* node) {
    if (node == nullptr || node->unresolved) return std::nullopt;
    return scalar_bool(*node);
}

std::optional<std::int64_t> int_of(const YamlNode* node) {
    if (node == nullptr || node->unresolved) return std::nullopt;
    return scalar_int(*node);
}

std::optional<std::vector<std::string>> texts_of(const YamlNode* node) {
    if (node == nullptr || node->kind != YamlKind::sequence) return std::nullopt;
    std::vector<std::string> out;
    out.reserve(node->items.size());
    for (const auto& i : node->items)
        if (auto t = text_of(&i)) out.push_back(*t);
    return out;
}

namespace {

void read_rate_limit(const YamlNode* node, model::RateLimit& limit) {
    if (node == nullptr) return;
    // Values that fail the shape check (< 1, too large) keep the default.
    auto positive = [](const YamlNode* n) -> std::optional<int> {
        const auto v = int_of(n);
        if (!v || *v < 1 || *v > 1'000'000'000) return std::nullopt;
        return static_cast<int>(*v);
    };
    if (auto v = positive(node->find("requests"))) limit.requests = *v;
    if (auto v = positive(node->find("per_seconds"))) limit.per_seconds = *v;
}

void read_defaults(const YamlNode* node, model::Defaults& defaults) {
    if (node == nullptr) return;
    const YamlNode* rate = node->find("rate_limit");
    read_rate_limit(rate, defaults.rate_limit);
    if (rate != nullptr) {
        if (auto scope = text_of(rate->find("scope")); scope)
            defaults.rate_limit_scope = *scope == "environment" ? model::RateLimitScope::environment
                                                                : model::RateLimitScope::shared;
    }
    // The plural or the singular, as --prune takes them (the shape check refused the rest).
    for (const auto& p : texts_of(node->find("prune")).value_or(std::vector<std::string>{})) {
        if (auto type = model::parse_prune_type(p)) defaults.prune.insert(*type);
    }
    if (const YamlNode* backups = node->find("backups")) {
        // Values that fail the shape check keep the default (the check reported them).
        if (auto dir = text_of(backups->find("dir")); dir && !dir->empty())
            defaults.backups.dir = *dir;
        if (auto keep = int_of(backups->find("keep")); keep && *keep >= 1 && *keep <= 1'000'000'000)
            defaults.backups.keep = static_cast<int>(*keep);
    }
}

/// An environment's credential: its explicit value, or the default variable's; `origin` (when
/// given) records which it was.
void read_credential(const YamlEntry& env, const char* key, const char* what, const LoadInput& in,
                     std::vector<CredentialGap>& gaps, std::string& value, diag::Diagnostics& diags,
                     model::CredentialOrigin* origin = nullptr) {
    const YamlNode* node = env.value.find(key);
    const std::string variable = default_credential_variable(env.key, what);
    if (origin != nullptr) {
        origin->config_key = fmt::format("environments.{}.{}", env.key, key);
        if (node == nullptr) {
            origin->variables = {variable};
        } else {
            origin->variables = node->variables;
            origin->location = node->location(in.file);
        }
    }
    if (node != nullptr) {
        value = text_of(node).value_or("");
        return;
    }
    const auto from_env = in.env(variable);
    if (!from_env || from_env->empty()) {
        gaps.push_back({env.key, variable, env.location(in.file)});
        return;
    }
    value = *from_env;
    if (std::string(what) == "PROJECT_ID") {
        if (auto why = check_project_id(value); !why.empty()) {
            diags.error(env.location(in.file),
                        fmt::format("invalid project id (the value of ${{{}}}, the default for "
                                    "environment '{}'): {}",
                                    variable, env.key, why));
        }
    }
}

diag::Diagnostic gap_diagnostic(const std::string& environment,
                                const std::vector<const CredentialGap*>& gaps) {
    std::vector<std::string> names;
    for (const auto* g : gaps)
        names.push_back(g->variable);
    std::string list =
        names.size() == 1
            ? names[0]
            : util::join(std::vector<std::string>(names.begin(), names.end() - 1), ", ") + " and " +
                  names.back();
    diag::Diagnostic d;
    d.severity = diag::Severity::error;
    d.location = gaps.front()->location;
    d.message = fmt::format("environment '{}': environment variable{} {} {} not set", environment,
                            names.size() == 1 ? "" : "s", list, names.size() == 1 ? "is" : "are");
    d.notes.push_back(fmt::format("commands that use environment '{}' need {}: export {} first",
                                  environment, names.size() == 1 ? "it" : "them",
                                  names.size() == 1 ? "it" : "them"));
    return d;
}

/// A management key written literally is kept, but flagged: it belongs in the environment.
void warn_literal_key(const YamlEntry& env, const LoadInput& in, diag::Diagnostics& diags) {
    const YamlNode* key = env.value.find("management_key");
    if (key == nullptr || !key->is_scalar() || !key->variables.empty() || key->text.empty()) return;
    diags.warning(key->location(in.file),
                  fmt::format("the management key of environment '{}' is written in the config "
                              "file",
                              env.key),
                  {fmt::format("write management_key: ${{{}}} and set that variable, so the key "
                               "stays out of git",
                               default_credential_variable(env.key, "MANAGEMENT_KEY"))});
}

}  // namespace

void build_settings(const YamlNode& root, const LoadInput& in,
                    const std::vector<CredentialGap>& tree_gaps, Config& config,
                    diag::Diagnostics& diags) {
    if (auto v = int_of(root.find("version")); v && *v == 1) config.version = 1;
    read_defaults(root.find("defaults"), config.defaults);

    std::optional<std::string> base_url_override;
    if (auto v = in.env("DESCOPE_BASE_URL"); v && !v->empty()) {
        if (auto why = check_base_url(*v); !why.empty()) {
            diags.error({in.file, 0, 0},
                        "DESCOPE_BASE_URL (in the process environment) is not a valid URL: " + why);
        } else {
            base_url_override = *v;
        }
    }

    const YamlNode* envs = root.find("environments");
    if (envs == nullptr || envs->kind != YamlKind::mapping) return;
    std::vector<CredentialGap> gaps = tree_gaps;
    for (const auto& e : envs->entries) {
        model::Environment env;
        env.name = e.key;
        env.rate_limit = config.defaults.rate_limit;
        std::string key;
        read_credential(e, "project_id", "PROJECT_ID", in, gaps, env.project_id, diags);
        read_credential(e, "management_key", "MANAGEMENT_KEY", in, gaps, key, diags,
                        &env.management_key_origin);
        env.management_key = util::Secret(std::move(key));
        warn_literal_key(e, in, diags);
        env.is_protected = bool_of(e.value.find("protected")).value_or(false);
        env.project_name = text_of(e.value.find("project_name"));
        env.base_url = base_url_override ? base_url_override : text_of(e.value.find("base_url"));
        if (base_url_override)
            env.overridden_base_url = text_of(e.value.find("base_url")).value_or("");
        read_rate_limit(e.value.find("rate_limit"), env.rate_limit);

        std::vector<const CredentialGap*> mine;
        for (const auto& g : gaps)
            if (g.environment == env.name) mine.push_back(&g);
        if (!mine.empty()) {
            diag::Diagnostic problem = gap_diagnostic(env.name, mine);
            env.credential_problems.push_back(problem);
            problem.severity = diag::Severity::warning;
            diags.add(std::move(problem));
        }
        config.environments.push_back(std::move(env));
    }
}

}  // namespace descope_mgmt::config
