#pragma once
// For the plan/apply end-to-end tests: the real descope-mgmt against descope-emulator hosting
// five projects (test, devtest, dev, staging, prod; prod protected), a config written to a
// temporary folder, direct HTTP access to the emulator for out-of-band changes, and a runner
// that gives descope-mgmt a pseudo-terminal (to answer its confirmation prompts).

#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/emulator_process.hpp"
#include "support/process.hpp"

namespace descope_mgmt::plan_e2e {

/// Whether `text` (a command's output) contains `part`.
inline bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

inline const std::vector<std::string>& environments() {
    static const std::vector<std::string> names = {"test", "devtest", "dev", "staging", "prod"};
    return names;
}

inline std::string project_id(const std::string& env) {
    std::string id = "P2e2e" + env;
    id.resize(28, '0');
    return id;
}
/// dev and prod manage their project name, which only a company-level key can read (R1): they
/// use the emulator's company key; the others their own project-scoped key.
inline const std::string kCompanyKey = "K2e2ecompanykey";
inline std::string management_key(const std::string& env) {
    if (env == "dev" || env == "prod") return kCompanyKey;
    return "K2e2esecretkey" + env;
}

/// The config the suite manages: every resource type, a tenant-scoped role, a parent, default
/// roles, session settings, an override for prod, resources limited to some environments.
inline const char* kConfig = R"(version: 1
defaults:
  # The emulator is not Descope's front end: no need to pace at its 100 / 60 s per IP here.
  rate_limit: { requests: 1000, per_seconds: 1 }
environments:
  test: {}
  devtest: {}
  dev: { project_name: Acme (dev) }
  staging: {}
  prod: { protected: true, project_name: Acme }
permissions:
  - name: projects.read
    description: Read projects
  - name: projects.write
  - name: audit.read
    environments: [dev, staging, prod]
roles:
  - name: viewer
    permissions: [projects.read]
  - name: admin
    description: Full access
    permissions: [projects.read, projects.write]
  - name: auditor
    tenant: acme
    permissions: [audit.read]
    environments: [dev, staging, prod]
tenants:
  - id: holding
    name: Holding
  - id: acme
    name: Acme Corp
    parent: holding
    self_provisioning_domains: [acme.com]
    custom_attributes: { plan: enterprise, seats: 50 }
    default_roles: [viewer]
    session_settings: { session_token_expiration: 10m, refresh_token_expiration: 4w }
    overrides:
      prod: { name: Acme Corporation, enforce_sso: true }
  - id: globex
    name: Globex
    environments: [prod]
)";

/// A temporary folder with the config, an emulator with the five projects, and helpers.
class PlanE2e : public ::testing::Test {
  protected:
    void SetUp() override { start({}); }

    /// (Re)starts the emulator with extra arguments (faults, state file).
    void start(const std::vector<std::string>& extra) {
        if (m_dir.empty()) {
            char tmpl[] = "/tmp/dm_plan_e2e.XXXXXX";
            m_dir = mkdtemp(tmpl);
            write_config(kConfig);
        }
        m_emulator.reset();
        // The tenant custom attributes kConfig sets must be defined in the project (R4).
        std::vector<std::string> args = {
            "--company-key",      kCompanyKey,    "--tenant-attribute", "plan",
            "--tenant-attribute", "seats:number", "--tenant-attribute", "beta:boolean"};
        args.insert(args.end(), extra.begin(), extra.end());
        for (const auto& e : environments()) {
            args.push_back("--project");
            args.push_back(project_id(e) + ":K2e2esecretkey" + e + ":" + e);
        }
        auto emu = test::EmulatorProcess::start(args);
        ASSERT_TRUE(emu) << emu.error().message;
        m_emulator = std::move(*emu);
    }

    void TearDown() override {
        m_emulator.reset();
        std::error_code ec;
        if (!m_dir.empty()) std::filesystem::remove_all(m_dir, ec);
    }

    void write_config(const std::string& text) { std::ofstream(m_dir / "descope.yaml") << text; }

    test::ProcessOptions options(std::string stdin_data = "") const {
        test::ProcessOptions o;
        o.env["DESCOPE_BASE_URL"] = m_emulator->base_url();
        o.env["NO_COLOR"] = "1";
        for (const auto& e : environments()) {
            std::string upper = e;
            for (char& c : upper)
                c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            o.env["DESCOPE_" + upper + "_PROJECT_ID"] = project_id(e);
            o.env["DESCOPE_" + upper + "_MANAGEMENT_KEY"] = management_key(e);
        }
        o.unset_env = {"DESCOPE_MGMT_CONFIG"};
        o.stdin_data = std::move(stdin_data);
        o.cwd = m_dir;
        o.timeout = std::chrono::milliseconds(120'000);
        return o;
    }

    /// Runs descope-mgmt with `args` (stdin: `stdin_data`, not a terminal).
    test::ProcessResult mgmt(std::vector<std::string> args, std::string stdin_data = "") const {
        args.insert(args.begin(), DM_MGMT_BINARY);
        auto r = test::run_process(args, options(std::move(stdin_data)));
        for (const auto& e : environments()) {
            EXPECT_EQ(r.out.find(management_key(e)), std::string::npos) << "key leaked to stdout";
            EXPECT_EQ(r.err.find(management_key(e)), std::string::npos) << "key leaked to stderr";
        }
        return r;
    }

    using PtyResult = test::TerminalResult;

    /// Runs descope-mgmt on a pseudo-terminal, so that it may ask; `answers` are typed in
    /// advance, one line each. With `interrupt_after`, sends SIGINT (Ctrl-C) that long after
    /// the start.
    PtyResult mgmt_on_terminal(
        std::vector<std::string> args, const std::vector<std::string>& answers,
        std::optional<std::chrono::milliseconds> interrupt_after = {}) const {
        args.insert(args.begin(), DM_MGMT_BINARY);
        return test::run_on_terminal(args, options(), {answers, interrupt_after});
    }

    /// A direct call to the emulator as environment `env` (out-of-band changes, inspection).
    nlohmann::json api(const std::string& env, const std::string& method, const std::string& path,
                       const nlohmann::json& body = nullptr) const {
        httplib::Client client(m_emulator->host(), m_emulator->port());
        const httplib::Headers headers = {
            {"Authorization", "Bearer " + project_id(env) + ":" + management_key(env)}};
        auto res = method == "GET" ? client.Get(path, headers)
                                   : client.Post(path, headers, body.dump(), "application/json");
        EXPECT_TRUE(res) << method << " " << path;
        if (!res) return nullptr;
        EXPECT_EQ(res->status, 200) << method << " " << path << ": " << res->body;
        return nlohmann::json::parse(res->body, nullptr, false);
    }

    /// Tenant ids of an environment, sorted.
    std::vector<std::string> tenant_ids(const std::string& env) const {
        std::vector<std::string> ids;
        const auto all = api(env, "GET", "/v1/mgmt/tenant/all");
        if (all.is_object()) {
            for (const auto& t : all["tenants"])
                ids.push_back(t.value("id", ""));
        }
        std::sort(ids.begin(), ids.end());
        return ids;
    }

    std::filesystem::path m_dir;
    std::unique_ptr<test::EmulatorProcess> m_emulator;
};

}  // namespace descope_mgmt::plan_e2e
