#pragma once
// What the reference checks share: the declarations by key, the declared environments, and
// helpers that phrase "not in environment X" consistently. Internal to the config layer.

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "config/loader_internal.hpp"

namespace descope_mgmt::config {

class ReferenceIndex {
  public:
    ReferenceIndex(const Config& config, const DeclNodes& nodes, const std::string& file,
                   diag::Diagnostics& diags);

    const Config& config;
    const DeclNodes& nodes;
    const std::string& file;
    diag::Diagnostics& diags;

    /// Index of the first declaration with that key, or -1.
    int permission(std::string_view name) const;
    int tenant(std::string_view id) const;
    int role(std::string_view tenant_id, std::string_view name) const;
    /// Every tenant id, for "did you mean" (built on first use).
    const std::vector<std::string>& tenant_ids() const;

    bool declared_environment(const std::string& name) const;
    const std::vector<std::string>& environment_names() const { return m_env_names; }

    /// Declared environments where `user` is selected and `target` is not.
    std::vector<std::string> missing(const EnvironmentSelection& user,
                                     const EnvironmentSelection& target) const;
    static bool selected(const EnvironmentSelection& s, const std::string& env);
    /// Where an object's own value of a field counts: the environments of `where` whose
    /// override (if any) does not set the field (`sets(override)`); `where` when none sets it.
    template <class Override, class Sets>
    EnvironmentSelection not_overridden(const EnvironmentSelection& where,
                                        const std::map<std::string, Override>& overrides,
                                        Sets sets) const {
        bool any = false;
        for (const auto& o : overrides)
            any = any || sets(o.second);
        if (!any) return where;
        EnvironmentSelection own(std::in_place);
        for (const auto& env : m_env_names) {
            const auto o = overrides.find(env);
            if (selected(where, env) && (o == overrides.end() || !sets(o->second)))
                own->push_back(env);
        }
        return own;
    }

    /// "environment 'dev'" or "environments 'test', 'dev'".
    static std::string environments_phrase(const std::vector<std::string>& envs);
    /// "did you mean 'x'?" when a candidate is close, else `otherwise` (may be empty). Pass an
    /// empty `word` for a value from the environment (never hinted at).
    static std::vector<std::string> suggest(const std::string& word,
                                            const std::vector<std::string>& candidates,
                                            std::string otherwise);

    void error(const YamlNode& at, std::string message, std::vector<std::string> notes = {}) const;

    /// How a declaration's key is named in messages: 'acme', or "(the value of ${VAR})" when
    /// it came from the environment (values are never printed).
    static std::string label(const YamlNode& item, const char* key, const std::string& value);
    std::string tenant_label(std::size_t i) const;
    std::string role_label(std::size_t i) const;

  private:
    // Keys view the Config's strings, which outlive the index (no copies for large configs).
    using Index = std::unordered_map<std::string_view, int>;
    Index m_permissions;
    Index m_tenants;
    std::unordered_map<std::string_view, Index> m_roles;  // tenant id ("" = project) -> name
    std::vector<std::string> m_env_names;
    mutable std::vector<std::string> m_tenant_ids;
};

/// Duplicate ids/names and the environment names used in `environments:` and `overrides:`.
void check_declarations(const ReferenceIndex& index);
/// Role -> permission and role -> tenant references.
void check_role_references(const ReferenceIndex& index);
/// Tenant -> parent (and cycles), tenant -> default roles, unique tenant names.
void check_tenant_references(const ReferenceIndex& index);

}  // namespace descope_mgmt::config
