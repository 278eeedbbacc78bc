// End-to-end tests of the real-service behaviours R1-R15 the emulator reproduces
// (docs/emulator.md, "Fidelity rules"), through the binary and its command-line options.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "e2e/emulator_test_client.hpp"
#include "support/emulator_process.hpp"

namespace descope_mgmt::test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const std::string kLongId32 = "P2abcdefghijklmnopqrstuvwxyz0123";        // 32 characters
const std::string kLongId38 = "P2abcdefghijklmnopqrstuvwxyz0123456789";  // 38 characters

std::vector<std::string> names(const json& list) {
    std::vector<std::string> out;
    for (const auto& item : list)
        out.push_back(item.contains("name") ? item["name"] : item["id"]);
    return out;
}

// R1: go-sdk descope/sdk/mgmt.go (ListProjects), descopecli project/crud.go.
TEST(EmulatorFidelity, ProjectsListNeedsACompanyKeyWhichListsEveryProject) {
    const fs::path log = fs::temp_directory_path() / ("dm-emu-r1-" + std::to_string(::getpid()));
    fs::remove(log);
    auto emu = test::start_emulator({"--project", "P2alpha:K2alpha:Alpha", "--project",
                                     kLongId38 + ":K2long", "--company-key", "K2company",
                                     "--request-log", log.string()});
    ASSERT_TRUE(emu);
    EmulatorClient project_key(emu->base_url(), "P2alpha", "K2alpha");
    const auto refused = project_key.post("/v1/mgmt/projects/list", json::object());
    EXPECT_EQ(refused.status, 401);
    EXPECT_EQ(refused.json()["errorCode"], "E011003");
    EXPECT_EQ(refused.json()["errorMessage"],
              "This operation requires a company management key (a key not limited to specific "
              "projects)");
    EXPECT_TRUE(refused.json().contains("errorDescription"));

    const json both = {
        {"projects",
         {{{"id", "P2alpha"}, {"name", "Alpha"}, {"environment", ""}, {"tags", json::array()}},
          {{"id", kLongId38}, {"name", kLongId38}, {"environment", ""}, {"tags", json::array()}}}}};
    EmulatorClient with_project(emu->base_url(), "P2alpha", "K2company");
    EXPECT_EQ(with_project.post("/v1/mgmt/projects/list", json::object()).json(), both);
    httplib::Client bare(emu->base_url());
    const auto bare_key =
        bare.Post("/v1/mgmt/projects/list", {{"Authorization", "Bearer K2company"}}, "{}",
                  "application/json");
    ASSERT_TRUE(bare_key);
    EXPECT_EQ(bare_key->status, 200);
    EXPECT_EQ(json::parse(bare_key->body), both);

    // A company key works for every hosted project, not for unknown ones or bare elsewhere.
    EmulatorClient company_long(emu->base_url(), kLongId38, "K2company");
    EXPECT_EQ(company_long.post("/v1/mgmt/tenant/create", {{"id", "t"}, {"name", "T"}}).status,
              200);
    EXPECT_EQ(
        EmulatorClient(emu->base_url(), kLongId38, "K2long").get("/v1/mgmt/tenant?id=t").status,
        200);
    EXPECT_EQ(
        EmulatorClient(emu->base_url(), "P2nobody", "K2company").get("/v1/mgmt/tenant/all").status,
        401);
    EXPECT_EQ(bare.Get("/v1/mgmt/tenant/all", {{"Authorization", "Bearer K2company"}})->status,
              401);
    EXPECT_EQ(
        EmulatorClient(emu->base_url(), "P2alpha", "K2long").get("/v1/mgmt/tenant/all").status,
        401);
    emu->stop();
    std::ifstream in(log);
    const std::string text(std::istreambuf_iterator<char>(in), {});
    EXPECT_NE(text.find("projects/list"), std::string::npos);
    EXPECT_EQ(text.find("K2company"), std::string::npos) << "keys are never logged";
    fs::remove(log);
}

TEST(EmulatorFidelity, ProjectsListRefusalFollowsUnauthorizedStatus) {
    auto emu = test::start_emulator({"--project", "P2a:K2a", "--unauthorized-status", "403"});
    ASSERT_TRUE(emu);
    EmulatorClient a(emu->base_url(), "P2a", "K2a");
    EXPECT_EQ(a.post("/v1/mgmt/projects/list", json::object()).status, 403);  // R15
}

// R2: terraform-provider-descope durationattr/duration.go; R3: internal/docs/docs.go and
// settings/settings.go.
TEST(EmulatorFidelity, SessionSettingsTakeSecondsAndRefuseLifetimesBelowTheFloors) {
    auto emu = test::start_emulator({"--project", "P2a:K2a"});
    ASSERT_TRUE(emu);
    EmulatorClient a(emu->base_url(), "P2a", "K2a");
    ASSERT_EQ(a.post("/v1/mgmt/tenant/create", {{"id", "t"}, {"name", "T"}}).status, 200);
    json settings = {{"tenantId", "t"},
                     {"enabled", true},
                     {"refreshTokenExpiration", 3600},
                     {"refreshTokenExpirationUnit", "seconds"},
                     {"sessionTokenExpiration", 180},
                     {"sessionTokenExpirationUnit", "seconds"},
                     {"enableInactivity", true},
                     {"inactivityTime", 600},
                     {"inactivityTimeUnit", "seconds"}};
    ASSERT_EQ(a.post("/v1/mgmt/tenant/settings", settings).status, 200);
    const json read = a.get("/v1/mgmt/tenant/settings?id=t").json();
    EXPECT_EQ(read["refreshTokenExpirationUnit"], "seconds");
    EXPECT_EQ(read["sessionTokenExpiration"], 180);

    auto refused = [&](const json& change, const std::string& says) {
        json body = settings;
        body.update(change);
        const auto r = a.post("/v1/mgmt/tenant/settings", body);
        EXPECT_EQ(r.status, 400) << change.dump();
        const std::string message = r.json()["errorMessage"];
        EXPECT_NE(message.find(says), std::string::npos) << message;
    };
    refused({{"refreshTokenExpiration", 1}, {"refreshTokenExpirationUnit", "minutes"}},
            "refreshTokenExpiration must be at least 3 minutes");
    refused({{"sessionTokenExpiration", 2}, {"sessionTokenExpirationUnit", "minutes"}},
            "sessionTokenExpiration must be at least 3 minutes");
    refused({{"sessionTokenExpiration", 2}, {"sessionTokenExpirationUnit", "hours"}},
            "must not be longer than refreshTokenExpiration");
    refused({{"inactivityTime", 9}, {"inactivityTimeUnit", "minutes"}},
            "inactivityTime must be at least 10 minutes");
    refused({{"sessionTokenExpirationUnit", "fortnights"}}, "sessionTokenExpirationUnit");
    EXPECT_EQ(a.get("/v1/mgmt/tenant/settings?id=t").json(), read);  // refusals change nothing
}

// R4: python-sdk descope/management/tenant.py (attributes "previously configured in Descope
// console app").
TEST(EmulatorFidelity, TenantCustomAttributesMustBeDefined) {
    auto emu = test::start_emulator({"--project", "P2a:K2a", "--tenant-attribute", "plan",
                                     "--tenant-attribute", "seats:number"});
    ASSERT_TRUE(emu);
    EmulatorClient a(emu->base_url(), "P2a", "K2a");
    ASSERT_EQ(
        a.post("/v1/mgmt/tenant/create",
               {{"id", "t"}, {"name", "T"}, {"customAttributes", {{"plan", "gold"}, {"seats", 5}}}})
            .status,
        200);
    const auto undefined =
        a.post("/v1/mgmt/tenant/update",
               {{"id", "t"}, {"name", "T"}, {"customAttributes", {{"tier", "x"}}}});
    EXPECT_EQ(undefined.status, 400);
    EXPECT_EQ(undefined.json()["errorMessage"],
              "Custom attribute 'tier' is not defined for tenants in this project");
    const auto wrong = a.post("/v1/mgmt/tenant/create",
                              {{"name", "U"}, {"customAttributes", {{"seats", "five"}}}});
    EXPECT_EQ(wrong.status, 400);
    EXPECT_EQ(wrong.json()["errorMessage"], "Custom attribute 'seats' must be a number");

    auto plain = test::start_emulator({"--project", "P2a:K2a"});
    ASSERT_TRUE(plain);
    EmulatorClient p(plain->base_url(), "P2a", "K2a");
    EXPECT_EQ(
        p.post("/v1/mgmt/tenant/create", {{"name", "T"}, {"customAttributes", {{"plan", "x"}}}})
            .status,
        400);
    EXPECT_EQ(
        p.post("/v1/mgmt/tenant/create", {{"name", "T"}, {"customAttributes", json::object()}})
            .status,
        200);
}

// R5: docs.descope.com/role-based-access-control; node-sdk lib/management/types.ts.
TEST(EmulatorFidelity, ProjectsStartWithTheBuiltInsUnlessBare) {
    auto emu = test::start_emulator({"--project", "P2a:K2a"});
    ASSERT_TRUE(emu);
    EmulatorClient a(emu->base_url(), "P2a", "K2a");
    const json permissions = a.get("/v1/mgmt/permission/all").json()["permissions"];
    EXPECT_EQ(names(permissions),
              (std::vector<std::string>{"SSO Admin", "User Admin", "Impersonate"}));
    for (const auto& p : permissions)
        EXPECT_EQ(p["systemDefault"], true);
    const json roles = a.get("/v1/mgmt/role/all").json()["roles"];
    ASSERT_EQ(names(roles), std::vector<std::string>{"Tenant Admin"});
    EXPECT_EQ(roles[0]["permissionNames"], json({"SSO Admin", "User Admin", "Impersonate"}));
    ASSERT_EQ(a.post("/v1/mgmt/permission/create", {{"name", "mine"}}).status, 200);
    EXPECT_EQ(a.get("/v1/mgmt/permission/all").json()["permissions"][3]["systemDefault"], false);
    // A tenant may use the built-in role as a default role without declaring it.
    ASSERT_EQ(a.post("/v1/mgmt/tenant/create", {{"id", "t"}, {"name", "T"}}).status, 200);
    EXPECT_EQ(a.post("/v1/mgmt/tenant/updateDefaultRoles",
                     {{"id", "t"}, {"defaultRoles", {"Tenant Admin"}}})
                  .status,
              200);

    auto bare = test::start_emulator({"--project", "P2a:K2a", "--bare"});
    ASSERT_TRUE(bare);
    EmulatorClient b(bare->base_url(), "P2a", "K2a");
    EXPECT_EQ(b.get("/v1/mgmt/permission/all").json(), json({{"permissions", json::array()}}));
    EXPECT_EQ(b.get("/v1/mgmt/role/all").json(), json({{"roles", json::array()}}));
}

// R6: descope-dotnet FixRootResponseBodyHandler.cs; descope-java TenantServiceImplTest.java.
TEST(EmulatorFidelity, TenantLoadIsFlat) {
    auto emu = test::start_emulator({"--project", "P2a:K2a"});
    ASSERT_TRUE(emu);
    EmulatorClient a(emu->base_url(), "P2a", "K2a");
    ASSERT_EQ(a.post("/v1/mgmt/tenant/create", {{"id", "t"}, {"name", "T"}}).status, 200);
    const json t = a.get("/v1/mgmt/tenant?id=t").json();
    EXPECT_EQ(t["id"], "t");
    EXPECT_FALSE(t.contains("tenant")) << t.dump();
}

// R7: descope-ruby-sdk roles_spec.rb (polls up to 5 s); descope-dotnet RoleTests.cs.
TEST(EmulatorFidelity, NewObjectsBecomeVisibleOnlyAfterTheLag) {
    auto emu = test::start_emulator({"--project", "P2a:K2a", "--visibility-lag-ms", "700"});
    ASSERT_TRUE(emu);
    EmulatorClient a(emu->base_url(), "P2a", "K2a");
    ASSERT_EQ(a.post("/v1/mgmt/tenant/create", {{"id", "t"}, {"name", "T"}}).status, 200);
    ASSERT_EQ(a.post("/v1/mgmt/permission/create", {{"name", "p"}}).status, 200);
    ASSERT_EQ(a.post("/v1/mgmt/role/create", {{"name", "r"}}).status, 200);
    EXPECT_EQ(a.get("/v1/mgmt/tenant/all").json()["tenants"], json::array());
    EXPECT_EQ(a.get("/v1/mgmt/tenant?id=t").status, 404);
    EXPECT_EQ(a.post("/v1/mgmt/role/create", {{"name", "local"}, {"tenantId", "t"}}).status, 404);
    EXPECT_EQ(a.post("/v1/mgmt/tenant/settings", {{"tenantId", "t"}}).status, 404);
    EXPECT_EQ(a.post("/v1/mgmt/tenant/create", {{"name", "Sub"}, {"parent", "t"}}).status, 404);
    EXPECT_EQ(a.post("/v1/mgmt/role/create", {{"name", "x"}, {"permissionNames", {"p"}}}).status,
              404);
    EXPECT_EQ(names(a.get("/v1/mgmt/role/all").json()["roles"]),
              std::vector<std::string>{"Tenant Admin"});
    EXPECT_EQ(a.get("/v1/mgmt/permission/all").json()["permissions"].size(), 3u);
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    EXPECT_EQ(a.get("/v1/mgmt/tenant?id=t").status, 200);
    EXPECT_EQ(a.post("/v1/mgmt/role/create", {{"name", "local"}, {"tenantId", "t"}}).status, 200);
    EXPECT_EQ(
        a.post("/v1/mgmt/tenant/updateDefaultRoles", {{"id", "t"}, {"defaultRoles", {"r"}}}).status,
        200);
    EXPECT_EQ(a.get("/v1/mgmt/permission/all").json()["permissions"].size(), 4u);
}

// R8: descope-java FlowServiceImplTest.java; descope-ruby-sdk flow_spec.rb.
TEST(EmulatorFidelity, ThemeHasAServerIdPerProjectAndAVersionThatGoesUp) {
    auto emu = test::start_emulator({"--project", "P2a:K2a", "--project", kLongId32 + ":K2b"});
    ASSERT_TRUE(emu);
    EmulatorClient a(emu->base_url(), "P2a", "K2a");
    EmulatorClient b(emu->base_url(), kLongId32, "K2b");
    const json first = a.post("/v1/mgmt/theme/export", json::object()).json()["theme"];
    const std::string id = first["id"];
    EXPECT_FALSE(id.empty());
    EXPECT_NE(b.post("/v1/mgmt/theme/export", json::object()).json()["theme"]["id"], id);
    const json imported =
        a.post("/v1/mgmt/theme/import", {{"theme", {{"id", "mine"}, {"version", 50}}}}).json();
    EXPECT_EQ(imported["theme"]["id"], id);
    EXPECT_EQ(imported["theme"]["version"], first["version"].get<int>() + 1);
    a.post("/v1/mgmt/theme/import", {{"theme", {{"id", ""}}}});
    EXPECT_EQ(a.post("/v1/mgmt/theme/export", json::object()).json()["theme"]["version"],
              first["version"].get<int>() + 2);
}

// R9: python-sdk descope/management/license.py and common.py.
TEST(EmulatorFidelity, LicenseAnswersTheTierAndTheLogRecordsTheHeader) {
    const fs::path log = fs::temp_directory_path() / ("dm-emu-r9-" + std::to_string(::getpid()));
    fs::remove(log);
    {
        auto emu = test::start_emulator({"--project", "P2a:K2a", "--request-log", log.string()});
        ASSERT_TRUE(emu);
        EmulatorClient a(emu->base_url(), "P2a", "K2a");
        const auto license = a.get("/v1/mgmt/license");
        EXPECT_EQ(license.json(), json({{"rateLimitTier", "tier1"}}));
        httplib::Client raw(emu->base_url());
        raw.Get("/v1/mgmt/tenant/all",
                {{"Authorization", "Bearer P2a:K2a"}, {"x-descope-license", "tier1"}});
    }
    std::ifstream in(log);
    std::vector<json> records;
    for (std::string line; std::getline(in, line);)
        records.push_back(json::parse(line));
    fs::remove(log);
    ASSERT_EQ(records.size(), 2u);
    EXPECT_FALSE(records[0].contains("license"));
    EXPECT_EQ(records[1]["license"], "tier1");
}

// R11: go-sdk descope/sdk/mgmt.go (tenant Delete: cascade is about users and access keys).
TEST(EmulatorFidelity, DeletingAParentIsRefusedOrOrphansItsSubTenants) {
    for (const std::string mode : {"refuse", "orphan"}) {
        auto emu = test::start_emulator({"--project", "P2a:K2a", "--delete-parent", mode});
        ASSERT_TRUE(emu);
        EmulatorClient a(emu->base_url(), "P2a", "K2a");
        ASSERT_EQ(a.post("/v1/mgmt/tenant/create", {{"id", "p"}, {"name", "P"}}).status, 200);
        ASSERT_EQ(
            a.post("/v1/mgmt/tenant/create", {{"id", "c"}, {"name", "C"}, {"parent", "p"}}).status,
            200);
        ASSERT_EQ(a.post("/v1/mgmt/role/create", {{"name", "local"}, {"tenantId", "p"}}).status,
                  200);
        const auto r = a.post("/v1/mgmt/tenant/delete", {{"id", "p"}, {"cascade", true}});
        if (mode == "refuse") {
            EXPECT_EQ(r.status, 400);
            EXPECT_NE(r.json()["errorMessage"].get<std::string>().find("'c'"), std::string::npos);
            EXPECT_EQ(a.get("/v1/mgmt/tenant?id=p").status, 200);
        } else {
            EXPECT_EQ(r.status, 200);
            EXPECT_EQ(a.get("/v1/mgmt/tenant?id=p").status, 404);
            EXPECT_EQ(a.get("/v1/mgmt/tenant?id=c").json()["parent"], "");
            EXPECT_EQ(names(a.get("/v1/mgmt/role/all").json()["roles"]),
                      std::vector<std::string>{"Tenant Admin"});
        }
        EXPECT_EQ(a.get("/v1/mgmt/tenant?id=c").status, 200) << "never cascades to sub-tenants";
    }
}

// R13: go-sdk descope/api/client.go and client_test.go (a 38-character id).
TEST(EmulatorFidelity, LongProjectIdsWork) {
    auto emu = test::start_emulator(
        {"--project", kLongId32 + ":K2a", "--project", kLongId38 + ":K2b:Long"});
    ASSERT_TRUE(emu);
    for (auto [id, key] :
         std::vector<std::pair<std::string, std::string>>{{kLongId32, "K2a"}, {kLongId38, "K2b"}}) {
        EmulatorClient c(emu->base_url(), id, key);
        EXPECT_EQ(c.post("/v1/mgmt/tenant/create", {{"id", "t"}, {"name", "T"}}).status, 200) << id;
        EXPECT_EQ(c.get("/v1/mgmt/tenant?id=t").status, 200) << id;
    }
}

}  // namespace
}  // namespace descope_mgmt::test
