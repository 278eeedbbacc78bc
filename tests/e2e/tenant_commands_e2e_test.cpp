// Issue 13, "Tenant commands": the real descope-mgmt against descope-emulator (the five projects
// and the config of plan_e2e_support.hpp). --attr is text and --attr-json is JSON, as the
// emulator stores them; update merges attributes unless --replace-attributes; a change to a
// declared tenant warns that the next apply undoes it (and it does); unknown ids get a "did you
// mean"; `tenant list` says which tenants the config manages.

#include <algorithm>
#include <map>

#include "plan_e2e_support.hpp"

namespace descope_mgmt::plan_e2e {
namespace {

using nlohmann::json;

/// PlanE2e with the attributes these tests set defined in every project (R4).
class TenantCommandsE2e : public PlanE2e {
  protected:
    void SetUp() override {
        start({"--tenant-attribute", "zip", "--tenant-attribute", "ver", "--tenant-attribute",
               "big:number", "--tenant-attribute", "ratio:number", "--tenant-attribute",
               "tags:list"});
    }

    json tenant_attributes(const std::string& env, const std::string& id) const {
        return api(env, "GET", "/v1/mgmt/tenant?id=" + id)["customAttributes"];
    }
};

TEST_F(TenantCommandsE2e, AttrIsTextAsTypedAndAttrJsonIsJson) {
    auto r = mgmt({"-e",
                   "dev",
                   "tenant",
                   "create",
                   "initech",
                   "--name",
                   "Initech",
                   "--attr",
                   "zip=01234",
                   "--attr",
                   "ver=1.10",
                   "--attr",
                   "plan=[a,b]",
                   "--attr-json",
                   "seats=50",
                   "--attr-json",
                   "big=9007199254740993",
                   "--attr-json",
                   "ratio=0.5",
                   "--attr-json",
                   "beta=true",
                   "--attr-json",
                   R"(tags=["eu","trial"])"});
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    const json a = tenant_attributes("dev", "initech");
    EXPECT_EQ(a["zip"], "01234");
    EXPECT_EQ(a["ver"], "1.10");
    EXPECT_EQ(a["plan"], "[a,b]");  // text: no list syntax in --attr
    EXPECT_TRUE(a["seats"].is_number_integer()) << a.dump();
    EXPECT_EQ(a["seats"], 50);
    // 2^53 + 1: a double would have stored ...992.
    EXPECT_TRUE(a["big"].is_number_integer()) << a.dump();
    EXPECT_EQ(a["big"].get<std::int64_t>(), 9007199254740993LL);
    EXPECT_EQ(a["ratio"], 0.5);
    EXPECT_EQ(a["beta"], true);
    EXPECT_EQ(a["tags"], json({"eu", "trial"}));

    // What `tenant show -o json` reads back is what was typed.
    auto show = mgmt({"-e", "dev", "-o", "json", "tenant", "show", "initech"});
    ASSERT_EQ(show.exit_code, 0) << show.err;
    const json shown = json::parse(show.out)["environments"][0]["tenant"]["custom_attributes"];
    EXPECT_EQ(shown["zip"], "01234");
    EXPECT_EQ(shown["big"].get<std::int64_t>(), 9007199254740993LL);

    // An integer beyond int64 is refused before any request, never rounded to a float.
    auto huge = mgmt({"-e", "dev", "tenant", "create", "huge", "--name", "Huge", "--attr-json",
                      "big=99999999999999999999"});
    EXPECT_EQ(huge.exit_code, 1);
    EXPECT_TRUE(contains(huge.err,
                         "--attr-json 'big=99999999999999999999': the integer is too "
                         "large"))
        << huge.err;
    auto unquoted = mgmt(
        {"-e", "dev", "tenant", "create", "huge", "--name", "Huge", "--attr-json", "plan=gold"});
    EXPECT_EQ(unquoted.exit_code, 1);
    EXPECT_TRUE(contains(unquoted.err, "not JSON")) << unquoted.err;
    EXPECT_TRUE(contains(unquoted.err, "--attr")) << unquoted.err;
    auto numbers = mgmt(
        {"-e", "dev", "tenant", "create", "huge", "--name", "Huge", "--attr-json", "tags=[1,2]"});
    EXPECT_EQ(numbers.exit_code, 1);
    EXPECT_TRUE(contains(numbers.err, "a list holds strings only")) << numbers.err;
    EXPECT_EQ(tenant_ids("dev"), std::vector<std::string>{"initech"});
}

TEST_F(TenantCommandsE2e, UpdateMergesAttributesUnlessReplaceAttributes) {
    ASSERT_EQ(mgmt({"-e", "dev", "tenant", "create", "initech", "--name", "Initech", "--attr",
                    "zip=01234", "--attr", "plan=gold", "--attr-json", "seats=50", "--attr-json",
                    "beta=true"})
                  .exit_code,
              0);
    // One attribute changed, one removed (null); the others kept.
    auto merged = mgmt({"-e", "dev", "tenant", "update", "initech", "--attr-json", "seats=10",
                        "--attr-json", "beta=null"});
    ASSERT_EQ(merged.exit_code, 0) << merged.out << merged.err;
    EXPECT_EQ(tenant_attributes("dev", "initech"),
              json({{"zip", "01234"}, {"plan", "gold"}, {"seats", 10}}));

    auto replaced = mgmt({"-e", "dev", "tenant", "update", "initech", "--replace-attributes",
                          "--attr", "plan=free"});
    ASSERT_EQ(replaced.exit_code, 0) << replaced.out << replaced.err;
    EXPECT_EQ(tenant_attributes("dev", "initech"), json({{"plan", "free"}}));

    auto cleared = mgmt({"-e", "dev", "tenant", "update", "initech", "--replace-attributes"});
    ASSERT_EQ(cleared.exit_code, 0) << cleared.out << cleared.err;
    EXPECT_EQ(tenant_attributes("dev", "initech"), json::object());
}

TEST_F(TenantCommandsE2e, ChangingADeclaredTenantWarnsThatTheNextApplyUndoesIt) {
    ASSERT_EQ(mgmt({"-e", "dev", "apply", "--auto-approve"}).exit_code, 0);

    auto update = mgmt({"-e", "dev", "tenant", "update", "acme", "--name", "Acme Renamed",
                        "--attr-json", "seats=51"});
    ASSERT_EQ(update.exit_code, 0) << update.err;
    EXPECT_TRUE(contains(update.err,
                         "warning: dev: tenant acme is declared in descope.yaml: the next apply "
                         "will undo this change of name, custom_attributes.seats"))
        << update.err;
    auto plan = mgmt({"-e", "dev", "plan"});
    EXPECT_TRUE(contains(plan.out, "name: \"Acme Renamed\" -> \"Acme Corp\"")) << plan.out;

    ASSERT_EQ(mgmt({"-e", "dev", "apply", "--auto-approve"}).exit_code, 0);
    auto remove = mgmt({"-e", "dev", "tenant", "delete", "acme", "--yes"});
    ASSERT_EQ(remove.exit_code, 0) << remove.err;
    EXPECT_TRUE(contains(remove.err,
                         "warning: dev: tenant acme is declared in descope.yaml: the next apply "
                         "will re-create it"))
        << remove.err;
    EXPECT_EQ(tenant_ids("dev"), std::vector<std::string>{"holding"});
    // And it does.
    ASSERT_EQ(mgmt({"-e", "dev", "apply", "--auto-approve"}).exit_code, 0);
    EXPECT_EQ(tenant_ids("dev"), (std::vector<std::string>{"acme", "holding"}));

    // An undeclared tenant: nothing to warn about.
    auto other = mgmt({"-e", "dev", "tenant", "create", "initech", "--name", "Initech"});
    ASSERT_EQ(other.exit_code, 0) << other.err;
    EXPECT_FALSE(contains(other.err, "warning")) << other.err;
}

TEST_F(TenantCommandsE2e, UnknownIdsGetADidYouMean) {
    ASSERT_EQ(mgmt({"-e", "dev", "apply", "--auto-approve"}).exit_code, 0);
    auto show = mgmt({"-e", "dev", "tenant", "show", "acm"});
    EXPECT_EQ(show.exit_code, 1);
    EXPECT_TRUE(contains(show.err, "dev: tenant acm does not exist: did you mean 'acme'?"))
        << show.err;
    auto update = mgmt({"-e", "dev", "tenant", "update", "acmee", "--name", "X"});
    EXPECT_EQ(update.exit_code, 1);
    EXPECT_TRUE(contains(update.err, "dev: tenant acmee does not exist: did you mean 'acme'?"))
        << update.err;
    auto remove = mgmt({"-e", "dev", "tenant", "delete", "holdnig", "--yes"});
    EXPECT_EQ(remove.exit_code, 1);
    EXPECT_TRUE(contains(remove.err, "did you mean 'holding'?")) << remove.err;
    EXPECT_EQ(tenant_ids("dev"), (std::vector<std::string>{"acme", "holding"}));
}

TEST_F(TenantCommandsE2e, TenantListSaysWhichTenantsTheConfigManages) {
    ASSERT_EQ(mgmt({"-e", "dev", "apply", "--auto-approve"}).exit_code, 0);
    api("dev", "POST", "/v1/mgmt/tenant/create", {{"id", "signup-1"}, {"name", "Self-service"}});

    auto text = mgmt({"-e", "dev", "tenant", "list"});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    EXPECT_TRUE(contains(text.out, "dev: 3 tenants, 2 managed\n")) << text.out;
    EXPECT_TRUE(contains(text.out, "MANAGED\n")) << text.out;
    const auto row = [&](const std::string& id) {
        const auto at = text.out.find("  " + id + " ");
        return at == std::string::npos ? std::string()
                                       : text.out.substr(at, text.out.find('\n', at) - at);
    };
    EXPECT_TRUE(row("acme").ends_with(" yes")) << text.out;
    EXPECT_TRUE(row("holding").ends_with(" yes")) << text.out;
    EXPECT_TRUE(row("signup-1").ends_with(" no")) << text.out;

    // globex is declared for prod only; deleted out of band there, it is declared but missing.
    ASSERT_EQ(mgmt({"-e", "prod", "apply", "--auto-approve"}).exit_code, 0);
    api("prod", "POST", "/v1/mgmt/tenant/delete", {{"id", "globex"}});
    auto js = mgmt({"-e", "dev,prod", "-o", "json", "tenant", "list"});
    ASSERT_EQ(js.exit_code, 0) << js.err;
    const json doc = json::parse(js.out);
    std::map<std::string, bool> managed;
    for (const auto& t : doc["environments"][0]["tenants"])
        managed[t["id"].get<std::string>()] = t["managed"].get<bool>();
    EXPECT_EQ(managed, (std::map<std::string, bool>{
                           {"acme", true}, {"holding", true}, {"signup-1", false}}));
    EXPECT_EQ(doc["environments"][0]["declared_missing"], json::array());
    EXPECT_EQ(doc["environments"][1]["declared_missing"], json({"globex"}));
    auto prod = mgmt({"-e", "prod", "tenant", "list"});
    EXPECT_TRUE(contains(prod.out, "declared in the config but not in this project: globex"))
        << prod.out;
}

}  // namespace
}  // namespace descope_mgmt::plan_e2e
