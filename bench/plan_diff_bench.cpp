// The diff engine and the renderers alone, in memory: 2,000 tenants (a tenth with session
// settings), 20 roles, 40 permissions; live equal to desired (the daily "no changes" plan), and
// live empty (the first apply).

#include <benchmark/benchmark.h>

#include "plan/differ.hpp"
#include "render/plan_json.hpp"
#include "render/plan_text.hpp"

namespace descope_mgmt {
namespace {

model::DesiredState make_desired(int tenants) {
    model::DesiredState d;
    d.environment = "dev";
    for (int i = 0; i < 40; ++i)
        d.permissions.push_back({"perm." + std::to_string(i), "Permission"});
    for (int i = 0; i < 20; ++i) {
        model::Role r;
        r.name = "role-" + std::to_string(i);
        r.description = "A role";
        for (int p = i; p < i + 5; ++p)
            r.permissions.push_back("perm." + std::to_string(p % 40));
        d.roles.push_back(r);
    }
    for (int i = 0; i < tenants; ++i) {
        model::Tenant t;
        t.id = "tenant-" + std::to_string(i);
        t.name = "Tenant " + std::to_string(i);
        t.self_provisioning_domains = {"t" + std::to_string(i) + ".example.com"};
        t.custom_attributes = {{"plan", std::string("business")}, {"seats", std::int64_t{i}}};
        t.default_roles = {"role-" + std::to_string(i % 20)};
        if (i % 100 != 0) t.parent = "tenant-" + std::to_string(i - i % 100);
        if (i % 10 == 0) {
            model::SessionSettings s;
            s.session_token_expiration = model::Duration{10, model::TimeUnit::minutes};
            s.refresh_token_expiration = model::Duration{4, model::TimeUnit::weeks};
            t.session_settings = s;
        }
        d.tenants.push_back(std::move(t));
    }
    return d;
}

model::LiveState live_equal(const model::DesiredState& d) {
    model::LiveState l;
    l.environment = d.environment;
    l.permissions = d.permissions;
    l.roles = d.roles;
    l.tenants = d.tenants;
    return l;
}

void BM_DiffNoChanges(benchmark::State& state) {
    const auto desired = make_desired(static_cast<int>(state.range(0)));
    const auto live = live_equal(desired);
    for (auto _ : state) {
        auto plan = plan::diff(desired, live, {});
        benchmark::DoNotOptimize(plan);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_DiffNoChanges)->Arg(2000)->Unit(benchmark::kMillisecond);

void BM_DiffCreateEverything(benchmark::State& state) {
    const auto desired = make_desired(static_cast<int>(state.range(0)));
    model::LiveState empty;
    empty.environment = "dev";
    for (auto _ : state) {
        auto plan = plan::diff(desired, empty, {});
        benchmark::DoNotOptimize(plan);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_DiffCreateEverything)->Arg(2000)->Unit(benchmark::kMillisecond);

void BM_RenderTextCreateEverything(benchmark::State& state) {
    const auto desired = make_desired(2000);
    model::LiveState empty;
    plan::Plan p;
    p.environments.push_back(*plan::diff(desired, empty, {}));
    for (auto _ : state) {
        auto text = render::render_plan_text(p, {});
        benchmark::DoNotOptimize(text);
    }
}
BENCHMARK(BM_RenderTextCreateEverything)->Unit(benchmark::kMillisecond);

void BM_RenderJsonCreateEverything(benchmark::State& state) {
    const auto desired = make_desired(2000);
    model::LiveState empty;
    plan::Plan p;
    p.environments.push_back(*plan::diff(desired, empty, {}));
    for (auto _ : state) {
        auto text = render::render_plan_json(p);
        benchmark::DoNotOptimize(text);
    }
}
BENCHMARK(BM_RenderJsonCreateEverything)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace descope_mgmt
