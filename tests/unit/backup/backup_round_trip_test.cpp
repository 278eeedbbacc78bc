// Writing a backup and reading it back gives the same state, in a stable, documented layout.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "backup/backup_reader.hpp"
#include "backup/backup_writer.hpp"
#include "backup/checksum.hpp"
#include "unit/backup/backup_test_support.hpp"

namespace descope_mgmt::backup {
namespace {

using testing::expected_after_round_trip;
using testing::sample_metadata;
using testing::sample_state;

TEST(BackupRoundTrip, ReadingBackGivesTheSameStateAndMetadata) {
    const auto text = serialize_backup(sample_metadata(), sample_state());
    ASSERT_TRUE(text) << text.error().message;
    auto backup = parse_backup(*text, "prod.json");
    ASSERT_TRUE(backup) << backup.error().message;
    EXPECT_EQ(backup->metadata, sample_metadata());
    const auto expected = expected_after_round_trip(sample_state(), "prod");
    EXPECT_EQ(backup->state.project_name, expected.project_name);
    EXPECT_EQ(backup->state.permissions, expected.permissions);
    EXPECT_EQ(backup->state.roles, expected.roles);
    EXPECT_EQ(backup->state.tenants, expected.tenants);
    EXPECT_EQ(backup->state.flow_summaries, expected.flow_summaries);
    EXPECT_EQ(backup->state.flows, expected.flows);
    EXPECT_EQ(backup->state.theme, expected.theme);
    EXPECT_EQ(backup->state.environment, "prod");
}

TEST(BackupRoundTrip, LayoutIsSortedAndIndependentOfInputOrder) {
    auto shuffled = sample_state();
    std::reverse(shuffled.tenants.begin(), shuffled.tenants.end());
    std::reverse(shuffled.roles.begin(), shuffled.roles.end());
    std::reverse(shuffled.permissions.begin(), shuffled.permissions.end());
    std::reverse(shuffled.flow_summaries.begin(), shuffled.flow_summaries.end());
    std::reverse(shuffled.tenants[1].self_provisioning_domains.begin(),
                 shuffled.tenants[1].self_provisioning_domains.end());
    const auto a = serialize_backup(sample_metadata(), sample_state());
    const auto b = serialize_backup(sample_metadata(), shuffled);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(*a, *b);

    const auto doc = nlohmann::json::parse(*a);
    const auto& r = doc["resources"];
    EXPECT_EQ(r["tenants"][0]["id"], "T2xyz");
    EXPECT_EQ(r["tenants"][1]["id"], "acme");
    EXPECT_EQ(r["tenants"][2]["id"], "holding");
    EXPECT_EQ(r["tenants"][1]["self_provisioning_domains"],
              nlohmann::json({"acme.com", "acme.io"}));
    // Roles by (tenant, name): project roles ("" tenant) first.
    EXPECT_EQ(r["roles"][0]["name"], "admin");
    EXPECT_EQ(r["roles"][1]["name"], "viewer");
    EXPECT_EQ(r["roles"][2]["name"], "auditor");
    EXPECT_EQ(r["roles"][0]["permissions"], nlohmann::json({"projects.read", "projects.write"}));
    EXPECT_EQ(r["permissions"][0]["name"], "projects.read");
    EXPECT_EQ(r["flows"][0]["id"], "sign-in");
    // The server's bookkeeping is not kept, so re-exports do not churn the backup.
    EXPECT_FALSE(r["flows"][0]["document"]["flow"].contains("modifiedTime"));
    EXPECT_FALSE(r["theme"]["document"]["theme"].contains("version"));
    // Two-space indent, one key per line, a trailing newline: diff-friendly.
    EXPECT_NE(a->find("\n  \"created_at\": \"2024-05-01T12:34:56.789Z\",\n"), std::string::npos);
    EXPECT_EQ(a->back(), '\n');
}

TEST(BackupRoundTrip, ChecksumIsTheSha256OfTheCanonicalContent) {
    const auto text = serialize_backup(sample_metadata(), sample_state());
    ASSERT_TRUE(text);
    auto doc = nlohmann::json::parse(*text);
    const std::string recorded = doc["sha256"];
    doc.erase("sha256");
    EXPECT_EQ(recorded, sha256_hex(doc.dump()));
    EXPECT_EQ(sha256_hex("abc"),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(BackupRoundTrip, WriterRefusesStatesItCannotHoldFaithfully) {
    auto dup = sample_state();
    dup.tenants.push_back(dup.tenants.front());
    auto r1 = serialize_backup(sample_metadata(), dup);
    ASSERT_FALSE(r1);
    EXPECT_NE(r1.error().message.find("duplicate tenant 'holding'"), std::string::npos);

    auto missing = sample_state();
    missing.flows.erase("sign-up");
    auto r2 = serialize_backup(sample_metadata(), missing);
    ASSERT_FALSE(r2);
    EXPECT_NE(r2.error().message.find("flow 'sign-up' has no exported document"),
              std::string::npos);

    auto bad = sample_state();
    bad.flows["sign-in"].document = "{not json";
    auto r3 = serialize_backup(sample_metadata(), bad);
    ASSERT_FALSE(r3);
    EXPECT_NE(r3.error().message.find("flow 'sign-in'"), std::string::npos);

    auto nan = sample_state();
    nan.tenants[1].custom_attributes["ratio"] = std::numeric_limits<double>::quiet_NaN();
    auto r4 = serialize_backup(sample_metadata(), nan);
    ASSERT_FALSE(r4);
    EXPECT_NE(r4.error().message.find("'ratio'"), std::string::npos);
}

TEST(BackupRoundTrip, InvalidUtf8IsReplacedAndTheBackupStillVerifies) {
    auto s = sample_state();
    s.tenants[0].name = "bad \xFF byte";
    const auto text = serialize_backup(sample_metadata(), s);
    ASSERT_TRUE(text) << text.error().message;
    auto backup = parse_backup(*text, "x.json");
    ASSERT_TRUE(backup) << backup.error().message;
    EXPECT_EQ(backup->state.tenants[2].name, "bad \xEF\xBF\xBD byte");
}

TEST(BackupRoundTrip, EmptyProjectRoundTrips) {
    model::LiveState empty;
    const auto text = serialize_backup(sample_metadata(), empty);
    ASSERT_TRUE(text);
    auto backup = parse_backup(*text, "x.json");
    ASSERT_TRUE(backup) << backup.error().message;
    EXPECT_TRUE(backup->state.tenants.empty());
    EXPECT_FALSE(backup->state.theme.has_value());
    EXPECT_EQ(summarize(backup->state).flows, 0u);
}

}  // namespace
}  // namespace descope_mgmt::backup
