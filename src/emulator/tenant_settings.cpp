// TenantTable, part two: session settings (R2, R3) and default roles.
#include <nlohmann/json.hpp>

#include "emulator/tenant_rows.hpp"
#include "emulator/tenant_table.hpp"

namespace descope_mgmt::emulator {

using namespace tenant_detail;

Reply TenantTable::settings(const std::string& id) const {
    if (id.empty()) return missing("id");
    const json* record = find_visible(id);
    if (record == nullptr) return fail(ErrorKind::not_found, "Tenant '" + id + "' not found");
    const auto it = m_rows->settings.find(id);
    json out =
        it != m_rows->settings.end() ? it->second : *normalize(json::object(), kSettingsFields);
    for (const auto& field : kSharedSettingsFields)
        out[field.name] = (*record)[field.name];
    return out;
}

Reply TenantTable::configure_settings(const json& body) {
    auto id = string_field(body, "tenantId");
    if (!id) return util::unexpected(id.error());
    if (id->empty()) return missing("tenantId");
    // The Node SDK (2.13.0) sends InactivityTime/InactivityTimeUnit (descope-api.md §3).
    json request = body;
    for (const char* field : {"inactivityTime", "inactivityTimeUnit"}) {
        std::string alias = field;
        alias[0] = 'I';
        if (!request.contains(field) && request.contains(alias)) request[field] = request[alias];
    }
    auto settings = normalize(request, kSettingsFields);
    if (!settings) return util::unexpected(settings.error());
    auto shared = normalize(request, kSharedSettingsFields);
    if (!shared) return util::unexpected(shared.error());
    for (const char* unit : {"refreshTokenExpirationUnit", "sessionTokenExpirationUnit",
                             "stepupTokenExpirationUnit", "inactivityTimeUnit"}) {
        if (!unit_seconds((*settings)[unit].get<std::string>())) {
            return fail(ErrorKind::invalid_argument,
                        "Invalid value for field " + std::string(unit) + ": '" +
                            (*settings)[unit].get<std::string>() +
                            "' (seconds, minutes, hours, days or weeks)");
        }
    }
    for (const char* amount : {"refreshTokenExpiration", "sessionTokenExpiration",
                               "stepupTokenExpiration", "inactivityTime"}) {
        if ((*settings)[amount].get<long long>() < 0) {
            return fail(ErrorKind::invalid_argument, std::string("Invalid value for field ") +
                                                         amount + ": must not be negative");
        }
    }
    if ((*shared)["authType"] != "") {
        if (auto ok = check_choice(*shared, "authType", {"none", "saml", "oidc"}); !ok) {
            return util::unexpected(ok.error());
        }
    }
    if (auto ok = check_session_floors(*settings); !ok) return util::unexpected(ok.error());
    json* record = find_visible(*id);
    if (record == nullptr) return fail(ErrorKind::not_found, "Tenant '" + *id + "' not found");
    for (const auto& field : kSharedSettingsFields) {
        const auto it = request.find(field.name);
        if (it == request.end() || it->is_null()) continue;
        if (std::string(field.name) == "authType" && *it == "") continue;
        (*record)[field.name] = (*shared)[field.name];
    }
    m_rows->settings[*id] = std::move(*settings);
    return json::object();
}

Reply TenantTable::set_default_roles(
    const json& body,
    const std::function<util::Result<void, StoreError>(const std::string&, const std::string&)>&
        check_role) {
    auto id = string_field(body, "id");
    if (!id) return util::unexpected(id.error());
    if (id->empty()) return missing("id");
    auto roles = string_list_field(body, "defaultRoles");
    if (!roles) return util::unexpected(roles.error());
    json* record = find_visible(*id);
    if (record == nullptr) return fail(ErrorKind::not_found, "Tenant '" + *id + "' not found");
    for (const auto& role : *roles) {
        if (auto ok = check_role(*id, role); !ok) return util::unexpected(ok.error());
    }
    (*record)["defaultRoles"] = *roles;
    return json::object();
}

void TenantTable::rename_default_role(const std::string& tenant_id, const std::string& from,
                                      const std::string& to) {
    for (auto& t : m_rows->tenants) {
        if (!tenant_id.empty() && t["id"] != tenant_id) continue;
        json kept = json::array();
        for (const auto& role : t["defaultRoles"]) {
            if (role != from) {
                kept.push_back(role);
            } else if (!to.empty()) {
                kept.push_back(to);
            }
        }
        t["defaultRoles"] = std::move(kept);
    }
}

}  // namespace descope_mgmt::emulator
