#pragma once
// `tenant show`: one tenant as text or JSON, per environment.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "model/resources.hpp"
#include "render/text_style.hpp"

namespace descope_mgmt::render {

/// "dev: tenant acme", "  managed: yes|no" (whether the config declares it for the
/// environment), then one "  field: value" line per field (custom attributes one per key,
/// session settings when given). Ends with a newline.
std::string render_tenant_text(const std::string& environment, const model::Tenant& tenant,
                               bool managed, const TextStyle& style);

/// {"id","name","self_provisioning_domains","custom_attributes","enforce_sso","disabled",
///  "parent","default_roles","session_settings"} with durations in config form ("4w"), so the
/// output reads like the config.
nlohmann::json tenant_to_json(const model::Tenant& tenant);

}  // namespace descope_mgmt::render
