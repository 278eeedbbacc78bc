#pragma once
// Builders for desired/live states, and golden files under tests/golden/plan (compare, or
// rewrite when UPDATE_GOLDEN=1; then review `git diff tests/golden`).

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "model/state.hpp"
#include "plan/differ.hpp"
#include "support/golden.hpp"

namespace descope_mgmt::plan_test {

inline model::Permission permission(std::string name, std::string description = "") {
    return {std::move(name), std::move(description)};
}

inline model::Role role(std::string name, std::vector<std::string> permissions = {},
                        std::string description = "", std::string tenant_id = "") {
    model::Role r;
    r.name = std::move(name);
    r.description = std::move(description);
    r.tenant_id = std::move(tenant_id);
    r.permissions = std::move(permissions);
    return r;
}

inline model::Tenant tenant(std::string id, std::string name, std::string parent = "") {
    model::Tenant t;
    t.id = std::move(id);
    t.name = std::move(name);
    t.parent = std::move(parent);
    return t;
}

inline model::Duration minutes(std::int64_t n) {
    return {n, model::TimeUnit::minutes};
}
inline model::Duration weeks(std::int64_t n) {
    return {n, model::TimeUnit::weeks};
}

/// diff() that must succeed (the test fails with the error otherwise).
inline plan::EnvironmentPlan must_diff(const model::DesiredState& desired,
                                       const model::LiveState& live,
                                       const plan::PlanOptions& options = {}) {
    auto r = plan::diff(desired, live, options);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().text());
    return r ? *r : plan::EnvironmentPlan{};
}

/// "action type key" of every change that is not a no-op, in plan order.
inline std::vector<std::string> addresses(const plan::EnvironmentPlan& p) {
    std::vector<std::string> out;
    for (const auto& c : p.changes) {
        if (c.action == plan::Action::no_op) continue;
        out.push_back(std::string(plan::to_string(c.action)) + " " + c.address());
    }
    return out;
}

/// Position of the change with this address ("tenant acme") in the plan; -1 if absent.
inline int position(const plan::EnvironmentPlan& p, const std::string& address) {
    for (std::size_t i = 0; i < p.changes.size(); ++i) {
        if (p.changes[i].address() == address) return static_cast<int>(i);
    }
    return -1;
}

/// Compares `actual` with tests/golden/plan/`name` (UPDATE_GOLDEN=1 rewrites it).
inline void expect_golden(const std::string& name, const std::string& actual) {
    test::expect_golden("plan", name, actual);
}

}  // namespace descope_mgmt::plan_test
