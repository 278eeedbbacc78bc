// Issue 13: `drift` showed a tenant live in an environment that does not declare it as "-" /
// "absent", and had no legend saying which side is live.
#include <gtest/gtest.h>

#include <string>

#include "cli_harness.hpp"

namespace descope_mgmt::cli_test {
namespace drift_unmanaged_test {

TEST(DriftUnmanaged, ATenantLiveWhereItIsNotDeclaredIsUnmanagedAndTheLegendSaysWhichSideIsLive) {
    CliHarness h;
    h.seed_declared();
    // globex is declared for prod only; someone made it in dev too.
    model::Tenant globex;
    globex.id = "globex";
    globex.name = "Globex";
    h.project("dev").seed_tenant(globex);
    // And acme's name was edited in prod's console.
    for (model::Tenant t : h.project("prod").tenants()) {
        if (t.id != "acme") continue;
        t.name = "Acme (console)";
        ASSERT_TRUE(h.project("prod").update_tenant(t));
    }

    const CliResult r = h.run({"drift"});
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_TRUE(contains(r.out, "tenant:globex  unmanaged  in sync\n")) << r.out;
    EXPECT_TRUE(contains(r.out, "legend: + in the config, not live")) << r.out;
    EXPECT_TRUE(contains(r.out, "A -> B is live -> config")) << r.out;
    // The details read live -> config.
    EXPECT_TRUE(contains(r.out, "name: \"Acme (console)\" -> \"Acme Corp\"")) << r.out;
    EXPECT_TRUE(contains(r.out, "dev: no drift")) << r.out;

    const nlohmann::json doc = h.run({"-o", "json", "drift"}).json();
    bool found = false;
    for (const auto& row : doc["resources"]) {
        if (row["address"] != "tenant:globex") continue;
        found = true;
        EXPECT_EQ(row["status"]["dev"], "unmanaged") << row.dump();
        EXPECT_EQ(row["status"]["prod"], "in-sync") << row.dump();
    }
    EXPECT_TRUE(found) << doc.dump(2);
    EXPECT_EQ(doc["environments"][0]["drift"], false) << doc.dump(2);
}

}  // namespace drift_unmanaged_test
}  // namespace descope_mgmt::cli_test
