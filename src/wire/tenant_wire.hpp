#pragma once
// Tenants on the wire (descope-api.md §3): request bodies the client sends and the tenant
// objects Descope returns. Reading never throws; a body of the wrong shape is an error value.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/resources.hpp"
#include "util/result.hpp"

namespace descope_mgmt::wire {

/// The tenant object as Descope returns it, zero values included (emulator answers, tests).
/// session_settings is not part of the tenant object and is ignored.
nlohmann::json tenant_to_json(const model::Tenant& tenant);

/// Reads one tenant object. Missing fields read as zero values; session_settings stays unset.
/// `path` prefixes error messages (e.g. "tenants[3]").
util::Result<model::Tenant> tenant_from_json(const nlohmann::json& object,
                                             const std::string& path = "");

/// `GET /v1/mgmt/tenant/all` answer {"tenants":[...]} -> tenants, in the server's order.
util::Result<std::vector<model::Tenant>> parse_tenant_list(const nlohmann::json& body);

/// `GET /v1/mgmt/tenant?id=` answer. The live service sends the tenant's fields flat and also
/// wrapped in "tenant" (descope-api.md §3); either form is accepted.
util::Result<model::Tenant> parse_tenant_load(const nlohmann::json& body);

/// The raw tenant object inside a load answer (the wrapped one when present), for reading the
/// fields the model does not manage; nullptr when the body is not an object.
const nlohmann::json* raw_tenant_in_load(const nlohmann::json& body);

/// `POST /v1/mgmt/tenant/create` body. "id" is sent only when tenant.id is set, "parent" only
/// when tenant.parent is set, the optional record fields only when declared.
nlohmann::json tenant_create_body(const model::Tenant& tenant);

/// `POST /v1/mgmt/tenant/create` answer {"id":"..."} -> the id (error when missing or empty).
util::Result<std::string> parse_tenant_create_answer(const nlohmann::json& body);

/// `POST /v1/mgmt/tenant/update` body: the whole record, since update replaces it. The fields a
/// config may leave out (roleInheritance, enforceSSOExclusions, federatedAppIds) are sent when
/// declared and otherwise copied from `live` (the current raw tenant object), so that the replace
/// does not clear them.
nlohmann::json tenant_update_body(const model::Tenant& tenant,
                                  const nlohmann::json* live = nullptr);

/// `POST /v1/mgmt/tenant/delete` body {"id","cascade"}.
nlohmann::json tenant_delete_body(const std::string& id, bool cascade);

/// `POST /v1/mgmt/tenant/updateDefaultRoles` body {"id","defaultRoles"}.
nlohmann::json default_roles_body(const std::string& tenant_id,
                                  const std::vector<std::string>& roles);

/// Custom attributes <-> JSON object (string, integer, float, bool or list of strings).
nlohmann::json custom_attributes_to_json(const model::CustomAttributes& attributes);
util::Result<model::CustomAttributes> custom_attributes_from_json(const nlohmann::json& object,
                                                                  const std::string& path);

/// One custom attribute value given as JSON text on the command line (`--attr-json KEY=JSON`):
/// a number (an integer stays an exact int64; one beyond int64 is an error, never rounded to a
/// float), true/false, a "string" or a list of strings. null gives nullopt (the attribute is
/// removed). Anything else, or text that is not JSON, is an error saying why.
util::Result<std::optional<model::AttributeValue>> attribute_value_from_json_text(
    std::string_view text);

}  // namespace descope_mgmt::wire
