#pragma once
// The fixture of the `flow list`, `flow export` and `theme export` end-to-end tests: the real
// descope-mgmt binary against the real descope-emulator with two projects (dev, prod), and a
// config in a private temporary folder. Flows and the theme are put into the emulator with
// direct HTTP calls, so these tests do not depend on `flow deploy`.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "emulator_test_client.hpp"
#include "support/emulator_process.hpp"
#include "support/files.hpp"
#include "support/process.hpp"

namespace descope_mgmt::test {
namespace flow_e2e {

namespace fs = std::filesystem;
using nlohmann::json;

// 'P' + 27 letters or digits, as the config loader requires.
inline const std::string kDevProject = "P2flowE2eDev0000000000000000";
inline const std::string kProdProject = "P2flowE2eProd000000000000000";
inline const std::string kDevKey = "K2flowDevSecretKey";
inline const std::string kProdKey = "K2flowProdSecretKey";

using test::read_text;
using test::write_text;

/// A sign-in flow import: screens not in id order, server-managed fields present (the emulator
/// overwrites them), a `version` inside the flow graph that is content and must stay.
inline json sign_in_import_body(const std::string& title) {
    json flow = {
        {"version", 7},
        {"name", "Sign In"},
        {"id", "sign-in"},
        {"modifiedTime", "1700000000"},
        {"etag", "stale"},
        {"dsl",
         {{"tasks",
           json::array({{{"id", "t1"}, {"type", "screen"}, {"next", "t2"}, {"screenId", "SC2"}},
                        {{"type", "action"}, {"id", "t2"}, {"action", "otp.email"}}})},
          {"metadata", {{"version", "2.1.0"}, {"title", title}}}}}};
    json screens =
        json::array({{{"id", "SC2"},
                      {"version", 3},
                      {"htmlTemplate", {{"b", 1}, {"a", {{"z", true}, {"y", nullptr}}}}},
                      {"inputs", json::array({{{"name", "email"}, {"required", true}}})}},
                     {{"id", "SC1"}, {"htmlTemplate", json::object()}}});
    return {{"flowId", "sign-in"}, {"flow", flow}, {"screens", screens}};
}

inline json sign_up_import_body() {
    return {{"flowId", "sign-up"},
            {"flow",
             {{"id", "sign-up"}, {"name", "Sign Up"}, {"disabled", true}, {"dsl", json::object()}}},
            {"screens", json::array()}};
}

inline json theme_import_body() {
    return {
        {"theme",
         {{"version", 4},
          {"cssTemplate",
           {{"light", {{"primary", "#1a56db"}, {"radius", 8.0}}}, {"dark", {{"primary", "#000"}}}}},
          {"codeMode", false}}}};
}

/// Every object in the file text has its keys in byte order (checked on the text itself:
/// ordered_json keeps the order of the file).
inline bool keys_sorted_in_text(const std::string& text) {
    std::function<bool(const nlohmann::ordered_json&)> walk = [&](const auto& v) {
        if (v.is_object()) {
            std::string previous;
            bool first = true;
            for (auto it = v.begin(); it != v.end(); ++it) {
                if (!first && !(previous < it.key())) return false;
                previous = it.key();
                first = false;
                if (!walk(it.value())) return false;
            }
        } else if (v.is_array()) {
            for (const auto& child : v)
                if (!walk(child)) return false;
        }
        return true;
    };
    return walk(nlohmann::ordered_json::parse(text));
}

class FlowCommandsE2e : public ::testing::Test {
  protected:
    void SetUp() override {
        auto emu = EmulatorProcess::start({"--project", kDevProject + ":" + kDevKey + ":Dev",
                                           "--project", kProdProject + ":" + kProdKey + ":Prod"});
        ASSERT_TRUE(emu) << emu.error().message;
        m_emulator = std::move(*emu);
        m_dir = fs::temp_directory_path() /
                ("dm-flow-e2e-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        // The config declares sign-in for dev only and step-up (not in any project) for prod.
        write_text(m_dir / "flows/sign-in.json", sign_in_import_body("declared").dump(2));
        write_text(m_dir / "flows/step-up.json",
                   R"({"flow": {"id": "step-up", "name": "Step Up", "dsl": {}}, "screens": []})");
        write_text(m_dir / "descope.yaml", R"(version: 1
environments:
  dev:
    project_id: )" + kDevProject + R"(
    management_key: ${FLOW_E2E_DEV_KEY}
  prod:
    project_id: )" + kProdProject + R"(
    management_key: ${FLOW_E2E_PROD_KEY}
flows:
  - id: sign-in
    file: flows/sign-in.json
    environments: [dev]
  - id: step-up
    file: flows/step-up.json
    environments: [prod]
)");
    }

    void TearDown() override {
        if (!m_dir.empty()) fs::remove_all(m_dir);
    }

    EmulatorClient client(const std::string& project, const std::string& key) {
        return EmulatorClient(m_emulator->base_url(), project, key);
    }

    void import_flow(const std::string& project, const std::string& key, const json& body) {
        auto reply = client(project, key).post("/v1/mgmt/flow/import", body);
        ASSERT_EQ(reply.status, 200) << reply.body;
    }

    void seed_dev() {
        // Imported twice so that dev's version (2) differs from a fresh import elsewhere (1).
        import_flow(kDevProject, kDevKey, sign_in_import_body("first"));
        import_flow(kDevProject, kDevKey, sign_in_import_body("live"));
        import_flow(kDevProject, kDevKey, sign_up_import_body());
    }

    ProcessResult mgmt(std::vector<std::string> args, const std::string& prod_key = kProdKey) {
        std::vector<std::string> argv{DM_MGMT_BINARY, "-c", (m_dir / m_config).string()};
        argv.insert(argv.end(), args.begin(), args.end());
        ProcessOptions o;
        o.env = {{"DESCOPE_BASE_URL", m_emulator->base_url()},
                 {"FLOW_E2E_DEV_KEY", kDevKey},
                 {"FLOW_E2E_PROD_KEY", prod_key}};
        o.unset_env = {"DESCOPE_MGMT_CONFIG", "NO_COLOR"};
        o.cwd = m_dir;
        o.timeout = std::chrono::milliseconds(60'000);
        return run_process(argv, o);
    }

    std::unique_ptr<EmulatorProcess> m_emulator;
    fs::path m_dir;
    std::string m_config = "descope.yaml";  // in m_dir; what mgmt() passes as -c
};

}  // namespace flow_e2e
}  // namespace descope_mgmt::test
