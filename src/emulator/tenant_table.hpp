#pragma once
// A project's tenants and their session settings (descope-api.md §3). Pure data and semantics:
// no HTTP, no locking (ProjectStore's caller serialises access).

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "emulator/id_generator.hpp"
#include "emulator/wire_schema.hpp"

namespace descope_mgmt::emulator {

class TenantTable {
  public:
    /// `ids` makes ids for tenants created without one; `now_seconds` gives createdTime.
    TenantTable(IdGenerator& ids, std::function<std::int64_t()> now_seconds);
    ~TenantTable();
    TenantTable(TenantTable&&) noexcept;
    TenantTable& operator=(TenantTable&&) noexcept;

    /// tenant/create: validates, stores, answers {"id"}. Duplicate id or name, unknown parent and
    /// an invalid roleInheritance fail.
    Reply create(const nlohmann::json& body);
    /// tenant/update: full replace of the updatable fields (parent, defaultRoles and settings are
    /// kept); answers {}.
    Reply update(const nlohmann::json& body);
    /// tenant/delete: removes the tenant and, with `cascade`, its sub-tenants (without cascade a
    /// tenant that has sub-tenants is refused). Answers the removed ids.
    util::Result<std::vector<std::string>, StoreError> remove(const nlohmann::json& body);
    /// GET tenant?id=: the flat tenant plus the same object under "tenant" (descope-api.md §3).
    Reply load(const std::string& id) const;
    /// GET tenant/all: {"tenants":[...]} in creation order.
    Reply all() const;
    /// tenant/search: filters ANDed, each list ORed; {"tenants":[...]}.
    Reply search(const nlohmann::json& body) const;
    /// GET tenant/settings?id=: the flat settings object.
    Reply settings(const std::string& id) const;
    /// POST tenant/settings: replaces the settings; shared fields (selfProvisioningDomains,
    /// domains, authType) change only when present. Accepts Node's InactivityTime spelling.
    Reply configure_settings(const nlohmann::json& body);
    /// tenant/updateDefaultRoles: every role must satisfy `role_exists(tenantId, name)`.
    Reply set_default_roles(
        const nlohmann::json& body,
        const std::function<bool(const std::string&, const std::string&)>& role_exists);

    bool exists(const std::string& id) const;
    /// Renames (or, with an empty `to`, removes) a role in the default roles of every tenant that
    /// can see it: all tenants for a project role (`tenant_id` empty), else that tenant.
    void rename_default_role(const std::string& tenant_id, const std::string& from,
                             const std::string& to);

    /// The whole table for the state file, and back. load_json replaces the content.
    nlohmann::json to_json() const;
    util::Result<void, StoreError> load_json(const nlohmann::json& tenants);

  private:
    struct Rows;
    std::unique_ptr<Rows> m_rows;
    IdGenerator* m_ids;
    std::function<std::int64_t()> m_now_seconds;
};

}  // namespace descope_mgmt::emulator
