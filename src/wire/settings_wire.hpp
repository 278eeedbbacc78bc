#pragma once
// Tenant session settings on the wire (descope-api.md §3 "TenantSettings"): amounts with
// lowercase unit names ("seconds|minutes|hours|days|weeks"), `enabled` for custom token lifetimes,
// `enableInactivity` + lowercase `inactivityTime`/`inactivityTimeUnit` (the Node SDK's
// capitalised spelling is accepted when reading, never sent), and `JITDisabled`.

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "model/resources.hpp"
#include "util/result.hpp"

namespace descope_mgmt::wire {

/// Reads a `GET /v1/mgmt/tenant/settings` answer. A token lifetime is set only when custom
/// settings are enabled (`enabled` true, or absent with a positive amount) and its amount is
/// positive; inactivity only when `enableInactivity` is true. An unknown unit is an error.
util::Result<model::SessionSettings> settings_from_json(const nlohmann::json& body);

/// The settings fields as Descope stores them (zero amount and "" unit for unset lifetimes;
/// `enabled` = any token lifetime set). Used for the POST body and by the emulator.
nlohmann::json settings_to_json(const model::SessionSettings& settings);

/// `POST /v1/mgmt/tenant/settings` body: {"tenantId", "selfProvisioningDomains" (shared with
/// the tenant record, so the tenant's own list), ...settings}. The POST replaces the whole record,
/// so everything the config leaves out comes from `live` (the current settings answer): the
/// undeclared token lifetimes and inactivity, "domains", "authType", and whether custom settings
/// are on. An error when the result would turn custom settings on without both token lifetimes
/// (live custom settings are off and the config does not declare refresh and session lifetimes).
util::Result<nlohmann::json> settings_update_body(
    const std::string& tenant_id, const std::vector<std::string>& self_provisioning_domains,
    const model::SessionSettings& settings, const nlohmann::json* live = nullptr);

}  // namespace descope_mgmt::wire
