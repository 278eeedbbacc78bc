#include "cli/cmd_tenant_edit.hpp"

#include "cli/context.hpp"

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

}  // namespace descope_mgmt::cli
