#pragma once
// A project's tenants and their session settings (descope-api.md §3). Pure data and semantics:
// no HTTP, no locking (ProjectStore's caller serialises access).

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "emulator/id_generator.hpp"
#include "emulator/tenant_rules.hpp"
#include "emulator/visibility_lag.hpp"
#include "emulator/wire_schema.hpp"

namespace descope_mgmt::emulator {

/// How the project treats tenant writes where Descope's answer depends on the project or is
/// unknown (docs/emulator.md).
struct TenantPolicy {
    /// R4: the custom attributes the project defines; any other key is refused.
    std::vector<AttributeSpec> attributes;
    /// R11 (--delete-parent): deleting a tenant that has sub-tenants makes them top-level
    /// (true) or is refused (false).
    bool orphan_sub_tenants = false;
};

/// Whether a tenant id exists, and whether it is visible yet (R7).
enum class Presence { absent, hidden, visible };

class TenantTable {
  public:
    /// `ids` makes ids for tenants created without one; `now_seconds` gives createdTime; `lag`
    /// hides new tenants for a while (it must outlive the table).
    TenantTable(IdGenerator& ids, std::function<std::int64_t()> now_seconds, VisibilityLag& lag,
                TenantPolicy policy);
    ~TenantTable();
    TenantTable(TenantTable&&) noexcept;
    TenantTable& operator=(TenantTable&&) noexcept;

    /// tenant/create: validates, stores, answers {"id"}. Duplicate id or name, unknown parent,
    /// an undefined custom attribute and an invalid roleInheritance fail; a parent created
    /// within the visibility lag is not found.
    Reply create(const nlohmann::json& body);
    /// tenant/update: full replace of the updatable fields (parent, defaultRoles and settings are
    /// kept); answers {}. Custom attributes are checked as in create.
    Reply update(const nlohmann::json& body);
    /// tenant/delete: removes the tenant (never its sub-tenants, whatever `cascade` says: R11).
    /// A tenant with sub-tenants is refused naming them, or under orphan_sub_tenants they become
    /// top-level. Answers the removed ids.
    util::Result<std::vector<std::string>, StoreError> remove(const nlohmann::json& body);
    /// GET tenant?id=: the flat tenant (R6).
    Reply load(const std::string& id) const;
    /// GET tenant/all: {"tenants":[...]} in creation order.
    Reply all() const;
    /// tenant/search: filters ANDed, each list ORed; {"tenants":[...]}.
    Reply search(const nlohmann::json& body) const;
    /// GET tenant/settings?id=: the flat settings object.
    Reply settings(const std::string& id) const;
    /// POST tenant/settings: replaces the settings; shared fields (selfProvisioningDomains,
    /// domains, authType) change only when present. Accepts Node's InactivityTime spelling, the
    /// units seconds..weeks (R2), and refuses lifetimes below Descope's floors (R3).
    Reply configure_settings(const nlohmann::json& body);
    /// tenant/updateDefaultRoles: `check_role(tenantId, name)` passes every role or says why not.
    Reply set_default_roles(
        const nlohmann::json& body,
        const std::function<util::Result<void, StoreError>(const std::string&, const std::string&)>&
            check_role);

    bool exists(const std::string& id) const;
    Presence presence(const std::string& id) const;
    /// Renames (or, with an empty `to`, removes) a role in the default roles of every tenant that
    /// can see it: all tenants for a project role (`tenant_id` empty), else that tenant.
    void rename_default_role(const std::string& tenant_id, const std::string& from,
                             const std::string& to);

    /// The whole table for the state file, and back. load_json replaces the content.
    nlohmann::json to_json() const;
    util::Result<void, StoreError> load_json(const nlohmann::json& tenants);

  private:
    struct Rows;
    /// Whether a stored tenant may be shown yet (R7).
    bool shown(const nlohmann::json& tenant) const;
    /// The stored tenant `id`, or nullptr when it is absent or still hidden.
    nlohmann::json* find_visible(const std::string& id) const;
    /// Each tenant's shown children.
    std::map<std::string, nlohmann::json> successors() const;

    std::unique_ptr<Rows> m_rows;
    IdGenerator* m_ids;
    std::function<std::int64_t()> m_now_seconds;
    VisibilityLag* m_lag;
    TenantPolicy m_policy;
};

}  // namespace descope_mgmt::emulator
