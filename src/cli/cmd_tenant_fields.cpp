#include "cli/cmd_tenant_fields.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include "cli/commands.hpp"

#include "config/value_checks.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::cli {

void add_tenant_field_flags(CLI::App& sub, TenantFieldFlags& f) {
    f.name_option = sub.add_option("--name", f.name, "the tenant's name (unique in the project)");
    f.domains_option = sub.add_option("--domain", f.domains,
                                      "a self-provisioning domain; repeatable; replaces the list "
                                      "(--domain \"\" clears it)")
                           ->type_name("DOMAIN");
    f.attributes_option =
        sub.add_option("--attr", f.attributes,
                       "a custom attribute KEY=VALUE (true/false, numbers, [a,b] lists, else "
                       "text); repeatable; replaces the attributes")
            ->type_name("KEY=VALUE");
    f.enforce_sso_option =
        sub.add_flag("--enforce-sso,!--no-enforce-sso", f.enforce_sso, "enforce SSO (or not)");
    f.disabled_option =
        sub.add_flag("--disabled,!--enabled", f.disabled, "disable the tenant (or enable it)");
    f.parent_option = sub.add_option(
        "--parent", f.parent,
        "id of the parent tenant; Descope sets it only at creation, so changing it re-creates "
        "the tenant");
    sub.add_flag(kYesFlags, f.yes, "do not ask for confirmation (protected environments too)");
}

model::AttributeValue parse_attribute_value(const std::string& text) {
    if (text == "true") return true;
    if (text == "false") return false;
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
        std::vector<std::string> items;
        const std::string inner = text.substr(1, text.size() - 2);
        if (!inner.empty()) {
            for (std::string item : util::split(inner, ',')) {
                while (!item.empty() && item.front() == ' ')
                    item.erase(item.begin());
                while (!item.empty() && item.back() == ' ')
                    item.pop_back();
                items.push_back(item);
            }
        }
        return items;
    }
    std::int64_t i = 0;
    const char* end = text.data() + text.size();
    if (!text.empty()) {
        auto [p, ec] = std::from_chars(text.data(), end, i);
        if (ec == std::errc() && p == end) return i;
        double d = 0;
        auto [q, ec2] = std::from_chars(text.data(), end, d);
        if (ec2 == std::errc() && q == end) return d;
    }
    return text;
}

std::string check_tenant_id(const std::string& id) {
    if (id.empty()) return "a tenant id must not be empty";
    if (auto why = config::check_identifier(id); !why.empty()) {
        return fmt::format("invalid tenant id: {}", why);
    }
    return {};
}

diag::Diagnostics apply_tenant_fields(const TenantFieldFlags& f, model::Tenant& t) {
    diag::Diagnostics problems;
    if (f.name_option && f.name_option->count() > 0) {
        if (f.name.empty()) {
            problems.error("--name: the name must not be empty");
        } else if (std::any_of(f.name.begin(), f.name.end(), [](char c) {
                       return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
                   })) {
            problems.error("--name: the name must not contain control characters");
        }
        t.name = f.name;
    }
    if (f.domains_option && f.domains_option->count() > 0) {
        t.self_provisioning_domains.clear();
        for (const std::string& d : f.domains) {
            if (d.empty()) continue;
            if (auto why = config::check_domain(d); !why.empty()) {
                problems.error(fmt::format("--domain '{}': {}", d, why));
            }
            t.self_provisioning_domains.push_back(d);
        }
    }
    if (f.attributes_option && f.attributes_option->count() > 0) {
        t.custom_attributes.clear();
        for (const std::string& a : f.attributes) {
            const auto eq = a.find('=');
            if (eq == std::string::npos || eq == 0) {
                problems.error(fmt::format("--attr '{}': expected KEY=VALUE", a));
                continue;
            }
            const std::string key = a.substr(0, eq);
            if (t.custom_attributes.count(key)) {
                problems.error(fmt::format("--attr: '{}' is given twice", key));
            }
            t.custom_attributes[key] = parse_attribute_value(a.substr(eq + 1));
        }
    }
    if (f.enforce_sso_option && f.enforce_sso_option->count() > 0) t.enforce_sso = f.enforce_sso;
    if (f.disabled_option && f.disabled_option->count() > 0) t.disabled = f.disabled;
    if (f.parent_option && f.parent_option->count() > 0) {
        if (!f.parent.empty()) {
            if (auto why = check_tenant_id(f.parent); !why.empty()) {
                problems.error(fmt::format("--parent: {}", why));
            }
        }
        t.parent = f.parent;
    }
    return problems;
}

}  // namespace descope_mgmt::cli
