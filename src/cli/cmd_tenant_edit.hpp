#pragma once
// Shared by `tenant create`, `tenant update` and `tenant delete`: one-resource plans through the
// same engine and the same confirm/apply/report as `apply`.

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

}  // namespace descope_mgmt::cli
