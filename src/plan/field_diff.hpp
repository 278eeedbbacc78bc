#pragma once
// Field-level comparison of one resource's desired and live records. Server-only fields are not
// in the model, so they never show; set-like lists compare as sets.

#include <string>
#include <vector>

#include "model/resources.hpp"
#include "plan/change.hpp"

namespace descope_mgmt::plan {

/// True when a and b hold the same strings, ignoring order and repetition.
bool same_set(const std::vector<std::string>& a, const std::vector<std::string>& b);

/// True when two attribute values are equal; numbers compare by value (50 == 50.0), because
/// YAML and the wire may type the same number differently.
bool same_attribute(const model::AttributeValue& a, const model::AttributeValue& b);

/// The display form of an attribute value.
Value to_value(const model::AttributeValue& v);

// Each *_fields function returns the fields that differ between `live` (nullptr = the object
// does not exist, so every set field of `desired` is listed) and `desired`, in a fixed order.

std::vector<FieldChange> permission_fields(const model::Permission* live,
                                           const model::Permission& desired);
std::vector<FieldChange> role_fields(const model::Role* live, const model::Role& desired);
/// Tenant record fields: name, domains, custom attributes (one field per key), enforce_sso,
/// disabled, parent, and the declared ones of role_inheritance, enforce_sso_exclusions and
/// federated_app_ids. Default roles and session settings are separate changes.
std::vector<FieldChange> tenant_fields(const model::Tenant* live, const model::Tenant& desired);
/// Session settings; `live` = nullptr or unset means Descope's defaults (nothing customised).
/// Only the declared token lifetimes and inactivity are compared (the others keep their live
/// value); jit_disabled always is.
std::vector<FieldChange> session_settings_fields(const model::SessionSettings* live,
                                                 const model::SessionSettings& desired);
std::vector<FieldChange> default_roles_fields(const std::vector<std::string>* live,
                                              const std::vector<std::string>& desired);

}  // namespace descope_mgmt::plan
