#pragma once
// The tenant fields of `tenant create` and `tenant update` (--name, --domain, --attr,
// --enforce-sso, --disabled, --parent), checked like the config checks them.

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
    std::vector<std::string> attributes;  // key=value
    bool enforce_sso = false;
    bool disabled = false;
    std::string parent;
    bool yes = false;  // --yes: no prompt (also for protected environments)
    // Which flags were given (update changes only those).
    CLI::Option* name_option = nullptr;
    CLI::Option* domains_option = nullptr;
    CLI::Option* attributes_option = nullptr;
    CLI::Option* enforce_sso_option = nullptr;
    CLI::Option* disabled_option = nullptr;
    CLI::Option* parent_option = nullptr;
};

/// Adds the field flags, and --yes, to `sub`.
void add_tenant_field_flags(CLI::App& sub, TenantFieldFlags& flags);

/// Sets the given fields on `tenant` (--domain and --attr replace the whole list/map when given;
/// an empty --domain "" clears the domains). Fails listing every invalid value: a bad domain, a
/// malformed --attr, an id or name with spaces or control characters.
diag::Diagnostics apply_tenant_fields(const TenantFieldFlags& flags, model::Tenant& tenant);

/// Parses an --attr value: true/false, an integer, a decimal number, [a,b] (a list of strings),
/// or else the text itself.
model::AttributeValue parse_attribute_value(const std::string& text);

/// Checks a tenant id given on the command line like the config does; "" when valid.
std::string check_tenant_id(const std::string& id);

}  // namespace descope_mgmt::cli
