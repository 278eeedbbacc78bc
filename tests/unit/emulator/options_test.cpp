#include "emulator/options.hpp"

#include <gtest/gtest.h>

namespace descope_mgmt::emulator {
namespace {

TEST(EmulatorOptions, ParsesTheInterfaceCommandLine) {
    auto o = parse_options({"--host",
                            "0.0.0.0",
                            "--port=8080",
                            "--project",
                            "P2a:K2a:Project A",
                            "--project",
                            "P2b:K2b",
                            "--state",
                            "s.json",
                            "--rate-limit",
                            "100/60",
                            "--latency-ms",
                            "5",
                            "--fault",
                            "503=0.1",
                            "--fault",
                            "reset=0.05",
                            "--seed",
                            "9",
                            "--request-log",
                            "r.log",
                            "--duplicate-status",
                            "409",
                            "--delete-missing",
                            "ok"});
    ASSERT_TRUE(o) << o.error().message;
    EXPECT_EQ(o->host, "0.0.0.0");
    EXPECT_EQ(o->port, 8080);
    ASSERT_EQ(o->projects.size(), 2u);
    EXPECT_EQ(o->projects[0].id, "P2a");
    EXPECT_EQ(o->projects[0].management_key.reveal(), "K2a");
    EXPECT_EQ(o->projects[0].name, "Project A");
    EXPECT_EQ(o->projects[1].name, "P2b");  // the id when no name is given
    EXPECT_EQ(o->state_file, "s.json");
    ASSERT_TRUE(o->rate_limit);
    EXPECT_EQ(o->rate_limit->requests, 100u);
    EXPECT_EQ(o->latency_ms, 5);
    EXPECT_EQ(o->faults.size(), 2u);
    EXPECT_EQ(o->seed, 9u);
    EXPECT_EQ(o->request_log, "r.log");
    EXPECT_EQ(o->duplicate_status, 409);
    EXPECT_EQ(o->not_found_status, 404);
    EXPECT_TRUE(o->delete_missing_ok);
}

TEST(EmulatorOptions, ReportsMistakesWithoutRepeatingTheKey) {
    EXPECT_FALSE(parse_options({}));  // a project is required
    EXPECT_TRUE(parse_options({"--help"}));
    const auto unknown = parse_options({"--project", "P:K", "--prot", "1"});
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("--prot"), std::string::npos);
    EXPECT_FALSE(parse_options({"--project", "P:K", "--port", "70000"}));
    EXPECT_FALSE(parse_options({"--project", "P:K", "--not-found-status", "418"}));
    EXPECT_FALSE(parse_options({"--project", "P:K", "--fault", "503=0.7", "--fault", "500=0.7"}));
    EXPECT_FALSE(parse_options({"--project", "P:K", "--port"}));
    const auto twice = parse_options({"--project", "P:K2secret", "--project", "P:K2secret"});
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().message.find("K2secret"), std::string::npos);
    EXPECT_FALSE(parse_options({"--project", "P:"}));
    EXPECT_FALSE(parse_options({"--project", "nocolon"}));
}

TEST(EmulatorOptions, ParsesTheFidelityOptions) {
    auto o = parse_options({"--project", "P2abcdefghijklmnopqrstuvwxyz0123456789:K2a",
                            "--company-key", "K2company", "--company-key=K2other",
                            "--tenant-attribute", "plan", "--tenant-attribute", "seats:number",
                            "--visibility-lag-ms", "1500", "--bare", "--delete-parent", "orphan"});
    ASSERT_TRUE(o) << o.error().message;
    EXPECT_EQ(o->projects[0].id.size(), 38u);  // R13: long project ids
    ASSERT_EQ(o->company_keys.size(), 2u);
    EXPECT_EQ(o->company_keys[1].reveal(), "K2other");
    ASSERT_EQ(o->tenant_attributes.size(), 2u);
    EXPECT_EQ(o->tenant_attributes[1].name, "seats");
    EXPECT_EQ(o->tenant_attributes[1].type, AttributeType::number);
    EXPECT_EQ(o->visibility_lag_ms, 1500);
    EXPECT_TRUE(o->bare);
    EXPECT_TRUE(o->orphan_sub_tenants);

    auto defaults = parse_options({"--project", "P:K"});
    ASSERT_TRUE(defaults);
    EXPECT_TRUE(defaults->company_keys.empty());
    EXPECT_TRUE(defaults->tenant_attributes.empty());
    EXPECT_EQ(defaults->visibility_lag_ms, 0);
    EXPECT_FALSE(defaults->bare);
    EXPECT_FALSE(defaults->orphan_sub_tenants);

    EXPECT_FALSE(parse_options({"--project", "P:K", "--delete-parent", "cascade"}));
    EXPECT_FALSE(parse_options({"--project", "P:K", "--visibility-lag-ms", "-1"}));
    EXPECT_FALSE(parse_options({"--project", "P:K", "--tenant-attribute", "a:int"}));
    EXPECT_FALSE(parse_options(
        {"--project", "P:K", "--tenant-attribute", "a", "--tenant-attribute", "a:number"}));
    const auto colon = parse_options({"--project", "P:K", "--company-key", "K2:secret"});
    ASSERT_FALSE(colon);
    EXPECT_EQ(colon.error().message.find("K2:secret"), std::string::npos);
    EXPECT_FALSE(parse_options({"--project", "P:K", "--company-key", ""}));
}

}  // namespace
}  // namespace descope_mgmt::emulator
