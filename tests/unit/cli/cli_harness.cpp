#include "cli_harness.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

#include "cli/app.hpp"
#include "cli/context.hpp"

namespace descope_mgmt::cli_test {

const char* const kConfig = R"(version: 1
environments:
  dev: {}
  prod: { protected: true }
permissions:
  - name: projects.read
roles:
  - name: viewer
    permissions: [projects.read]
tenants:
  - id: acme
    name: Acme Corp
    default_roles: [viewer]
    session_settings: { session_token_expiration: 10m, refresh_token_expiration: 4w }
  - id: globex
    name: Globex
    environments: [prod]
flows:
  - id: sign-in
    file: flows/sign-in.json
theme:
  file: themes/theme.json
)";

namespace {

constexpr const char* kFlow =
    R"({"flow": {"id": "sign-in", "name": "Sign in", "dsl": {}}, "screens": []})";
constexpr const char* kTheme = R"({"theme": {"id": "theme", "cssTemplate": {"light": {}}}})";

std::vector<std::string> variables() {
    return {
        "DESCOPE_DEV_PROJECT_ID",      "DESCOPE_DEV_MANAGEMENT_KEY", "DESCOPE_PROD_PROJECT_ID",
        "DESCOPE_PROD_MANAGEMENT_KEY", "DESCOPE_BASE_URL",           "DESCOPE_MGMT_BACKUP",
        "DESCOPE_MGMT_BACKUP_DIR",     "DESCOPE_MGMT_CONFIG",        "DESCOPE_MGMT_RETRY_BACKOFF"};
}

}  // namespace

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

test::FakeDescopeApi& FakeProjects::operator[](const std::string& environment) {
    auto& api = m_apis[environment];
    if (!api) {
        api = std::make_shared<test::FakeDescopeApi>(environment);
        api->set_cancellation(m_cancel);
    }
    return *api;
}

int FakeProjects::total_calls() const {
    int n = 0;
    for (const auto& [name, api] : m_apis)
        n += api->total_calls();
    return n;
}

util::Result<std::vector<std::shared_ptr<api::DescopeApi>>, diag::Diagnostics> FakeProjects::open(
    const config::Config&, const std::vector<const model::Environment*>& environments) {
    std::vector<std::shared_ptr<api::DescopeApi>> out;
    for (const model::Environment* env : environments) {
        // As http_client_factory does.
        (*this)[env->name].set_credential_hint(model::credential_hint(*env));
        out.push_back(m_apis[env->name]);
        m_opened.push_back(env->name);
    }
    return out;
}

nlohmann::json CliResult::json() const {
    auto doc = nlohmann::json::parse(out, nullptr, false);
    EXPECT_FALSE(doc.is_discarded()) << "stdout is not one JSON document:\n" << out;
    return doc;
}

CliHarness::CliHarness(const std::string& config)
    : m_dir("dm-cli-unit"), m_projects(std::make_shared<FakeProjects>(&m_cancel)) {
    for (const auto& name : variables()) {
        if (const char* v = std::getenv(name.c_str())) m_saved_env[name] = v;
        ::unsetenv(name.c_str());
    }
    ::setenv("DESCOPE_DEV_PROJECT_ID", "P2cliunitdev0000000000000000", 1);
    ::setenv("DESCOPE_DEV_MANAGEMENT_KEY", "K2cliunitdevsecret", 1);
    ::setenv("DESCOPE_PROD_PROJECT_ID", "P2cliunitprod000000000000000", 1);
    ::setenv("DESCOPE_PROD_MANAGEMENT_KEY", "K2cliunitprodsecret", 1);
    m_dir.write("descope.yaml", config);
    m_dir.write("flows/sign-in.json", kFlow);
    m_dir.write("themes/theme.json", kTheme);
}

CliHarness::~CliHarness() {
    for (const auto& name : variables())
        ::unsetenv(name.c_str());
    for (const auto& [name, value] : m_saved_env)
        ::setenv(name.c_str(), value.c_str(), 1);
}

CliResult CliHarness::run(const std::vector<std::string>& args) {
    std::vector<std::string> with_config = {"-c", config_path()};
    with_config.insert(with_config.end(), args.begin(), args.end());
    return run_without_config(with_config);
}

CliResult CliHarness::run_without_config(const std::vector<std::string>& args) {
    std::vector<std::string> words = {"descope-mgmt", "--no-color"};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& w : words)
        argv.push_back(w.data());
    argv.push_back(nullptr);

    char* out_buf = nullptr;
    char* err_buf = nullptr;
    std::size_t out_size = 0;
    std::size_t err_size = 0;
    cli::Context ctx;
    ctx.out = ::open_memstream(&out_buf, &out_size);
    ctx.err = ::open_memstream(&err_buf, &err_size);
    ctx.client_factory = m_projects;
    ctx.cancel = &m_cancel;
    CliResult r;
    r.exit_code = cli::run(static_cast<int>(words.size()), argv.data(), ctx);
    std::fclose(ctx.out);
    std::fclose(ctx.err);
    r.out.assign(out_buf, out_size);
    r.err.assign(err_buf, err_size);
    std::free(out_buf);
    std::free(err_buf);
    return r;
}

void CliHarness::seed_declared() {
    const CliResult r = run({"apply", "--auto-approve"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* env : {"dev", "prod"})
        project(env).reset_calls();
}

}  // namespace descope_mgmt::cli_test
