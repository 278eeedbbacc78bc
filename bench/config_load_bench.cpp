// Loading and validating a large config: 5,000 tenants, 600 roles (100 project-scoped, 500
// tenant-scoped), 200 permissions, five environments. Target: load + validate under 200 ms in
// the release build.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>

#include "config/config.hpp"
#include "config/yaml_tree.hpp"

namespace {

using namespace descope_mgmt;

constexpr int kTenants = 5000;
constexpr int kPermissions = 200;
constexpr int kProjectRoles = 100;
constexpr int kTenantRoles = 500;

std::optional<std::string> bench_env(const std::string& name) {
    if (name.find("PROJECT_ID") != std::string::npos) return "P2aaaaaaaaaaaaaaaaaaaaaaaaaa";
    if (name.find("MANAGEMENT_KEY") != std::string::npos) return "K2benchkey";
    return std::nullopt;
}

// fmt::format_to rather than string concatenation: GCC 12 at -O3 reports a false -Wrestrict on
// `"literal" + std::string`.
std::string generate_config(bool rich) {
    std::string y;
    y.reserve(3 << 20);
    auto out = std::back_inserter(y);
    fmt::format_to(out,
                   "version: 1\n"
                   "defaults:\n  rate_limit: {{ requests: 200, per_seconds: 60 }}\n"
                   "environments:\n  test: {{}}\n  devtest: {{}}\n  dev: {{}}\n  staging: {{}}\n"
                   "  prod: {{ protected: true, project_name: Big (prod) }}\n"
                   "permissions:\n");
    for (int p = 0; p < kPermissions; ++p)
        fmt::format_to(out, "  - name: perm.{0}\n    description: Permission number {0}\n", p);
    fmt::format_to(out, "roles:\n");
    for (int r = 0; r < kProjectRoles; ++r) {
        fmt::format_to(out, "  - name: role-{}\n    permissions: [perm.{}, perm.{}]\n", r,
                       r % kPermissions, (r * 7 + 1) % kPermissions);
    }
    for (int r = 0; r < kTenantRoles; ++r) {
        fmt::format_to(out,
                       "  - name: tenant-admin\n    tenant: t{}\n    permissions: [perm.1, "
                       "perm.2]\n",
                       r * (kTenants / kTenantRoles));
    }
    fmt::format_to(out, "tenants:\n");
    for (int t = 0; t < kTenants; ++t) {
        if (!rich) {
            // What adopting 5,000 self-service tenants (export-config) typically gives.
            fmt::format_to(out,
                           "  - id: t{0}\n    name: Tenant {0}\n"
                           "    self_provisioning_domains: [t{0}.example.com]\n"
                           "    default_roles: [role-{1}]\n",
                           t, t % kProjectRoles);
            continue;
        }
        fmt::format_to(out,
                       "  - id: t{0}\n    name: Tenant {0}\n"
                       "    self_provisioning_domains: [t{0}.example.com, mail.t{0}.example.com]\n"
                       "    custom_attributes: {{ plan: enterprise, seats: {1}, beta: {2}, tags: "
                       "[a, b] }}\n"
                       "    default_roles: [role-{3}]\n",
                       t, t % 500 + 1, t % 2 ? "true" : "false", t % kProjectRoles);
        if (t % 5 == 1) fmt::format_to(out, "    parent: t{}\n", t - 1);
        if (t % 3 == 0) {
            fmt::format_to(out,
                           "    session_settings:\n      refresh_token_expiration: 4w\n"
                           "      session_token_expiration: 10m\n      inactivity_timeout: 30m\n");
        }
        if (t % 10 == 0) {
            fmt::format_to(out,
                           "    overrides:\n      prod: {{ name: Tenant {} (prod), enforce_sso: "
                           "true }}\n",
                           t);
        }
    }
    return y;
}

/// Rich: every tenant has two domains, four custom attributes, a default role; a third have
/// session settings, a fifth a parent, a tenth a prod override (1.4 MB). Typical: id, name, one
/// domain, one default role (0.6 MB).
const std::string& config_text(bool rich) {
    static const std::string rich_text = generate_config(true);
    static const std::string typical_text = generate_config(false);
    return rich ? rich_text : typical_text;
}

const std::filesystem::path& config_file(bool rich) {
    static auto write = [](bool r) {
        const auto p =
            std::filesystem::temp_directory_path() /
            fmt::format("dm-config-bench-{}-{}.yaml", ::getpid(), r ? "rich" : "typical");
        std::ofstream(p, std::ios::binary) << config_text(r);
        return p;
    };
    static const std::filesystem::path rich_path = write(true);
    static const std::filesystem::path typical_path = write(false);
    return rich ? rich_path : typical_path;
}

void check(const config::LoadResult& r, benchmark::State& state) {
    if (!r.config || r.config->tenants.size() != kTenants) {
        const std::string why =
            fmt::format("generated config does not load: {}",
                        diag::render_all(r.diagnostics, r.sources, false).substr(0, 500));
        state.SkipWithError(why.c_str());
    }
}

/// Arg 1: rich tenants; 0: typical tenants.
void BM_LoadAndValidateFile(benchmark::State& state) {
    const bool rich = state.range(0) == 1;
    const auto& path = config_file(rich);
    for (auto _ : state) {
        config::LoadResult r = config::load(path, bench_env);
        check(r, state);
        benchmark::DoNotOptimize(r);
    }
    state.SetLabel(rich ? "rich tenants" : "typical tenants");
    state.counters["tenants"] = kTenants;
    state.counters["bytes"] = static_cast<double>(config_text(rich).size());
}
BENCHMARK(BM_LoadAndValidateFile)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

/// The YAML step alone (libfyaml's parser + our located tree), to show where the time goes.
void BM_ParseYamlOnly(benchmark::State& state) {
    const std::string& text = config_text(state.range(0) == 1);
    for (auto _ : state) {
        diag::Diagnostics diags;
        auto root = config::parse_yaml(text, "big.yaml", diags);
        benchmark::DoNotOptimize(root);
    }
}
BENCHMARK(BM_ParseYamlOnly)->Arg(1)->Arg(0)->Unit(benchmark::kMillisecond);

void BM_DesiredStateEveryEnvironment(benchmark::State& state) {
    const config::LoadResult r = config::load_from_string(config_text(true), "big.yaml", bench_env);
    check(r, state);
    if (!r.config) return;
    for (auto _ : state) {
        for (const auto& env : r.config->environments) {
            auto s = config::desired_state(*r.config, env.name);
            benchmark::DoNotOptimize(s);
        }
    }
}
BENCHMARK(BM_DesiredStateEveryEnvironment)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    std::error_code ec;
    std::filesystem::remove(config_file(true), ec);
    std::filesystem::remove(config_file(false), ec);
    return 0;
}
