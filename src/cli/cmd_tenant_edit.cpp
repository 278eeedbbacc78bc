#include "cli/cmd_tenant_edit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "cli/context.hpp"
#include "util/strings.hpp"

namespace descope_mgmt::cli {

int apply_tenant_plan(Context& ctx, Workspace& ws, plan::Plan plan, bool yes, bool ask_always,
                      const std::string& what) {
    bool any_protected = false;
    for (auto& e : plan.environments) {
        e.notes.clear();
        any_protected = any_protected || (e.is_protected && e.has_changes());
    }
    print_plan(ctx, plan);
    ApplyFlags flags;
    flags.auto_approve = yes || (!ask_always && !any_protected);
    flags.what = what;
    return confirm_apply_and_report(ctx, ws, plan, flags);
}

std::vector<plan::ReadScope> reading_needs(const Workspace& ws, const std::string& id,
                                           bool with_settings) {
    plan::ReadScope scope;  // the collections only
    if (with_settings) scope.settings_for = std::set<std::string>{id};
    return std::vector<plan::ReadScope>(ws.environments.size(), scope);
}

std::string did_you_mean_tenant(const std::string& id, const std::vector<model::Tenant>& live) {
    std::vector<std::string> ids;
    for (const auto& t : live)
        ids.push_back(t.id);
    std::sort(ids.begin(), ids.end());
    if (auto m = util::closest_match(id, ids)) return fmt::format(": did you mean '{}'?", *m);
    return {};
}

namespace {

const model::Tenant* find_declared(const model::DesiredState& desired, const std::string& id) {
    for (const auto& t : desired.tenants)
        if (t.id == id) return &t;
    return nullptr;
}

std::set<std::string> as_set(const std::vector<std::string>& v) {
    return {v.begin(), v.end()};
}

const model::AttributeValue* attribute(const model::Tenant& t, const std::string& key) {
    auto it = t.custom_attributes.find(key);
    return it == t.custom_attributes.end() ? nullptr : &it->second;
}

bool same(const model::AttributeValue* a, const model::AttributeValue* b) {
    if (a == nullptr || b == nullptr) return a == b;
    return *a == *b;
}

}  // namespace

std::vector<std::string> fields_apply_puts_back(const model::Tenant& declared,
                                                const model::Tenant* before,
                                                const model::Tenant& after) {
    std::vector<std::string> fields;
    // A field counts when the config disagrees with it and the command changed it.
    auto check = [&](const char* name, auto value) {
        if (value(after) != value(declared) &&
            (before == nullptr || value(*before) != value(after)))
            fields.push_back(name);
    };
    check("name", [](const model::Tenant& t) { return t.name; });
    check("self_provisioning_domains",
          [](const model::Tenant& t) { return as_set(t.self_provisioning_domains); });
    std::set<std::string> keys;
    for (const model::Tenant* t : {&declared, &after, before}) {
        if (t == nullptr) continue;
        for (const auto& [key, value] : t->custom_attributes)
            keys.insert(key);
    }
    for (const auto& key : keys) {
        const auto* now = attribute(after, key);
        if (!same(now, attribute(declared, key)) &&
            (before == nullptr || !same(attribute(*before, key), now)))
            fields.push_back("custom_attributes." + key);
    }
    check("enforce_sso", [](const model::Tenant& t) { return t.enforce_sso; });
    check("disabled", [](const model::Tenant& t) { return t.disabled; });
    check("parent", [](const model::Tenant& t) { return t.parent; });
    return fields;
}

void warn_if_apply_undoes(const Context& ctx, const config::Config& config,
                          const std::string& environment, const std::string& id,
                          const model::Tenant* before, const model::Tenant* after) {
    const std::string file = config.path.filename().string();
    const model::DesiredState desired = config::desired_state(config, environment);
    const model::Tenant* declared = find_declared(desired, id);
    if (declared == nullptr) {
        // Created outside the config where the config deletes what it does not declare.
        if (before == nullptr && after != nullptr &&
            config.defaults.prune.count(model::PruneType::tenants) > 0) {
            ctx.warning(fmt::format(
                "{}: tenant {} is not declared in {}, whose defaults.prune includes tenants: the "
                "next apply will delete it",
                environment, id, file));
        }
        return;
    }
    if (after == nullptr) {
        ctx.warning(fmt::format(
            "{}: tenant {} is declared in {}: the next apply will re-create it (remove it "
            "from the config to keep it deleted)",
            environment, id, file));
        return;
    }
    const auto fields = fields_apply_puts_back(*declared, before, *after);
    if (fields.empty()) return;
    ctx.warning(fmt::format(
        "{}: tenant {} is declared in {}: the next apply will undo this change of {} (change the "
        "config to keep it)",
        environment, id, file, util::join(fields, ", ")));
}

}  // namespace descope_mgmt::cli
