#pragma once
// The tenant fields of `tenant create` and `tenant update` (--name, --domain, --attr,
// --attr-json, --enforce-sso, --disabled, --parent, and update's --replace-attributes), checked
// like the config checks them.

#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "model/resources.hpp"
#include "util/result.hpp"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace descope_mgmt::cli {

struct TenantFieldFlags {
    std::string name;
    std::vector<std::string> domains;
    std::vector<std::string> attributes;       // --attr key=value: the value is a string
    std::vector<std::string> attributes_json;  // --attr-json key=JSON
    bool replace_attributes = false;           // update: the given attributes are all of them
    bool enforce_sso = false;
    bool disabled = false;
    std::string parent;
    bool yes = false;  // --yes: no prompt (also for protected environments)
    // Which flags were given (update changes only those).
    CLI::Option* name_option = nullptr;
    CLI::Option* domains_option = nullptr;
    CLI::Option* attributes_option = nullptr;
    CLI::Option* attributes_json_option = nullptr;
    CLI::Option* replace_attributes_option = nullptr;  // update only
    CLI::Option* enforce_sso_option = nullptr;
    CLI::Option* disabled_option = nullptr;
    CLI::Option* parent_option = nullptr;
};

enum class TenantCommand { create, update };

/// Adds the field flags, and --yes, to `sub` (and --replace-attributes for update).
void add_tenant_field_flags(CLI::App& sub, TenantFieldFlags& flags, TenantCommand command);

/// True when a flag that changes a field was given (--replace-attributes counts: alone, it
/// clears the attributes).
bool any_tenant_field_given(const TenantFieldFlags& flags);

/// Sets the given fields on `tenant`. --domain replaces the list (--domain "" clears it).
/// --attr KEY=VALUE sets a string, --attr-json KEY=JSON a number, boolean, string or list of
/// strings (null removes the key); they are merged into the tenant's attributes, or replace them
/// all with --replace-attributes. Fails listing every invalid value: a bad domain, a malformed
/// --attr or --attr-json, a key given twice, a name with control characters.
diag::Diagnostics apply_tenant_fields(const TenantFieldFlags& flags, model::Tenant& tenant);

/// Checks a tenant id given on the command line like the config does; "" when valid.
std::string check_tenant_id(const std::string& id);

}  // namespace descope_mgmt::cli
