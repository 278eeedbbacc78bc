#include "cli/cmd_tenant_fields.hpp"

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include "cli/commands.hpp"

#include "config/value_checks.hpp"
#include "wire/tenant_wire.hpp"

namespace descope_mgmt::cli {

void add_tenant_field_flags(CLI::App& sub, TenantFieldFlags& f, TenantCommand command) {
    const bool update = command == TenantCommand::update;
    f.name_option = sub.add_option("--name", f.name, "the tenant's name (unique in the project)");
    f.domains_option = sub.add_option("--domain", f.domains,
                                      "a self-provisioning domain; repeatable; replaces the list "
                                      "(--domain \"\" clears it)")
                           ->type_name("DOMAIN");
    f.attributes_option =
        sub.add_option("--attr", f.attributes,
                       std::string("a custom attribute whose value is text, exactly as typed "
                                   "(zip=01234 stays \"01234\"); repeatable") +
                           (update ? "; merged into the current attributes" : ""))
            ->type_name("KEY=TEXT");
    f.attributes_json_option =
        sub.add_option("--attr-json", f.attributes_json,
                       std::string("a custom attribute whose value is JSON: a number (seats=50), "
                                   "true/false, or a list of strings (tags='[\"a\",\"b\"]')") +
                           (update ? "; null removes it" : "") + "; repeatable")
            ->type_name("KEY=JSON");
    if (update) {
        f.replace_attributes_option = sub.add_flag(
            "--replace-attributes", f.replace_attributes,
            "the --attr and --attr-json given become all of the tenant's attributes (the others "
            "are removed; alone, it clears them)");
    }
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

bool any_tenant_field_given(const TenantFieldFlags& f) {
    for (const CLI::Option* o :
         {f.name_option, f.domains_option, f.attributes_option, f.attributes_json_option,
          f.replace_attributes_option, f.enforce_sso_option, f.disabled_option, f.parent_option}) {
        if (o != nullptr && o->count() > 0) return true;
    }
    return false;
}

std::string check_tenant_id(const std::string& id) {
    if (id.empty()) return "a tenant id must not be empty";
    if (auto why = config::check_identifier(id); !why.empty()) {
        return fmt::format("invalid tenant id: {}", why);
    }
    return {};
}

namespace {

bool given(const CLI::Option* o) {
    return o != nullptr && o->count() > 0;
}

/// The attributes of --attr and --attr-json, by key; nullopt = remove the key (JSON null).
std::map<std::string, std::optional<model::AttributeValue>> given_attributes(
    const TenantFieldFlags& f, diag::Diagnostics& problems) {
    std::map<std::string, std::optional<model::AttributeValue>> out;
    auto add = [&](const std::string& arg, const char* flag, bool json) {
        const auto eq = arg.find('=');
        if (eq == std::string::npos || eq == 0) {
            problems.error(
                fmt::format("{} '{}': expected {}", flag, arg, json ? "KEY=JSON" : "KEY=TEXT"));
            return;
        }
        const std::string key = arg.substr(0, eq);
        const std::string text = arg.substr(eq + 1);
        if (out.count(key)) {
            problems.error(fmt::format("{}: attribute '{}' is given twice", flag, key));
            return;
        }
        if (!json) {
            out[key] = model::AttributeValue{text};
            return;
        }
        auto value = wire::attribute_value_from_json_text(text);
        if (!value) {
            problems.error(fmt::format("{} '{}': {}", flag, arg, value.error().message));
            return;
        }
        out[key] = std::move(*value);
    };
    if (given(f.attributes_option))
        for (const std::string& a : f.attributes)
            add(a, "--attr", false);
    if (given(f.attributes_json_option))
        for (const std::string& a : f.attributes_json)
            add(a, "--attr-json", true);
    return out;
}

}  // namespace

diag::Diagnostics apply_tenant_fields(const TenantFieldFlags& f, model::Tenant& t) {
    diag::Diagnostics problems;
    if (given(f.name_option)) {
        if (f.name.empty()) {
            problems.error("--name: the name must not be empty");
        } else if (std::any_of(f.name.begin(), f.name.end(), [](char c) {
                       return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
                   })) {
            problems.error("--name: the name must not contain control characters");
        }
        t.name = f.name;
    }
    if (given(f.domains_option)) {
        t.self_provisioning_domains.clear();
        for (const std::string& d : f.domains) {
            if (d.empty()) continue;
            if (auto why = config::check_domain(d); !why.empty()) {
                problems.error(fmt::format("--domain '{}': {}", d, why));
            }
            t.self_provisioning_domains.push_back(d);
        }
    }
    const bool replace = given(f.replace_attributes_option) && f.replace_attributes;
    if (replace || given(f.attributes_option) || given(f.attributes_json_option)) {
        auto attributes = given_attributes(f, problems);
        if (replace) t.custom_attributes.clear();
        for (auto& [key, value] : attributes) {
            if (value) {
                t.custom_attributes[key] = std::move(*value);
            } else {
                t.custom_attributes.erase(key);
            }
        }
    }
    if (given(f.enforce_sso_option)) t.enforce_sso = f.enforce_sso;
    if (given(f.disabled_option)) t.disabled = f.disabled;
    if (given(f.parent_option)) {
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
