#pragma once
// Shared by `tenant create`, `tenant update` and `tenant delete`: one-resource plans through the
// same engine and the same confirm/apply/report as `apply`, the warning when the config would
// undo the change, and "did you mean" for ids.

#include <string>
#include <vector>

#include "cli/plan_workflow.hpp"

namespace descope_mgmt::cli {

/// Prints the plan (notes about other objects dropped: these commands touch one tenant) and
/// confirms, applies and reports like apply. Protected environments are always confirmed by
/// typing their name unless `yes`; other environments are confirmed only when `ask_always`.
int apply_tenant_plan(Context& ctx, Workspace& ws, plan::Plan plan, bool yes, bool ask_always,
                      const std::string& what);

/// What the tenant commands read of each environment: the collections, and the session settings
/// of tenant `id` when `with_settings`.
std::vector<plan::ReadScope> reading_needs(const Workspace& ws, const std::string& id,
                                           bool with_settings);

/// ": did you mean 'ID'?" naming the live tenant id closest to `id`, or "" when none is close.
std::string did_you_mean_tenant(const std::string& id, const std::vector<model::Tenant>& live);

/// The fields the next `apply` would set back (config names: "name",
/// "custom_attributes.seats", ...): those that differ from `declared` in `after` and that the
/// command changed from `before` (nullptr: the tenant did not exist, every field is new).
std::vector<std::string> fields_apply_puts_back(const model::Tenant& declared,
                                                const model::Tenant* before,
                                                const model::Tenant& after);

/// One warning on stderr when the next `apply` to `environment` would undo what a tenant command
/// is about to do to tenant `id`: `after` is the tenant it leaves (nullptr: deleted), `before`
/// the live one (nullptr: created). A declared tenant that is deleted is re-created, its changed
/// fields are put back; an undeclared tenant created where the config prunes tenants is deleted.
void warn_if_apply_undoes(const Context& ctx, const config::Config& config,
                          const std::string& environment, const std::string& id,
                          const model::Tenant* before, const model::Tenant* after);

}  // namespace descope_mgmt::cli
