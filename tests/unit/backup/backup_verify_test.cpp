// A backup that is truncated, edited, of another format version or not a backup at all is
// refused, and the error says which check failed and where.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "backup/backup_reader.hpp"
#include "backup/backup_writer.hpp"
#include "unit/backup/backup_test_support.hpp"

namespace descope_mgmt::backup {
namespace {

using nlohmann::json;
using testing::sample_metadata;
using testing::sample_state;

std::string good_text() {
    return *serialize_backup(sample_metadata(), sample_state());
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(BackupVerify, GoodBackupPasses) {
    auto b = parse_backup(good_text(), "prod.json");
    ASSERT_TRUE(b) << b.error().message;
    EXPECT_EQ(b->sha256.size(), 64u);
}

TEST(BackupVerify, EveryTruncationIsRefused) {
    const auto text = good_text();
    // Cut after every byte up to the closing brace (the trailing newline is optional).
    for (std::size_t n = 0; n + 2 <= text.size(); n += 7) {
        auto b = parse_backup(text.substr(0, n), "cut.json");
        ASSERT_FALSE(b) << "accepted a backup cut at byte " << n;
        EXPECT_EQ(b.error().kind, BackupErrorKind::syntax) << n << ": " << b.error().message;
    }
    auto b = parse_backup(text.substr(0, text.size() / 2), "cut.json");
    ASSERT_FALSE(b);
    EXPECT_TRUE(contains(b.error().message, "cut.json:")) << b.error().message;
    EXPECT_TRUE(contains(b.error().message, "truncated")) << b.error().message;
    EXPECT_GT(b.error().line, 1);
}

TEST(BackupVerify, EmptyFileIsRefused) {
    auto b = parse_backup("", "empty.json");
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().kind, BackupErrorKind::syntax);
    EXPECT_TRUE(contains(b.error().message, "empty.json: empty file")) << b.error().message;
}

TEST(BackupVerify, SyntaxErrorNamesLineAndColumn) {
    auto text = good_text();
    // Put a stray character at the start of line 3 (`  "environment": "prod",`).
    const auto line3 = text.find('\n', text.find('\n') + 1) + 1;
    text[line3] = '@';
    auto b = parse_backup(text, "bad.json");
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().kind, BackupErrorKind::syntax);
    EXPECT_EQ(b.error().line, 3);
    EXPECT_EQ(b.error().column, 1);
    EXPECT_TRUE(contains(b.error().message, "bad.json:3:1: invalid JSON")) << b.error().message;
}

TEST(BackupVerify, EditedContentFailsTheChecksum) {
    auto doc = json::parse(good_text());
    doc["resources"]["tenants"][1]["name"] = "Acme Evil Corp";
    auto b = parse_backup(doc.dump(2), "edited.json");
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().kind, BackupErrorKind::checksum);
    EXPECT_TRUE(contains(b.error().message, "checksum mismatch")) << b.error().message;
    EXPECT_TRUE(contains(b.error().message, doc["sha256"].get<std::string>()));
}

TEST(BackupVerify, EditedMetadataFailsTheChecksum) {
    auto doc = json::parse(good_text());
    doc["project_id"] = "P2other";
    auto b = parse_backup(doc.dump(2), "edited.json");
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().kind, BackupErrorKind::checksum);
}

TEST(BackupVerify, ReformattingDoesNotChangeTheChecksum) {
    // The checksum covers the content, not the layout: re-indenting the file is fine.
    auto doc = json::parse(good_text());
    auto b = parse_backup(doc.dump(), "compact.json");
    EXPECT_TRUE(b) << b.error().message;
}

TEST(BackupVerify, NewerFormatVersionIsRefused) {
    auto doc = json::parse(good_text());
    doc["format_version"] = 2;
    auto b = parse_backup(doc.dump(2), "future.json");
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().kind, BackupErrorKind::version);
    EXPECT_TRUE(contains(b.error().message, "format_version 2 is newer")) << b.error().message;

    doc["format_version"] = 0;
    b = parse_backup(doc.dump(2), "old.json");
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().kind, BackupErrorKind::version);

    doc["format_version"] = "1";
    b = parse_backup(doc.dump(2), "str.json");
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().kind, BackupErrorKind::version);
}

TEST(BackupVerify, OtherJsonIsNotABackup) {
    for (const char* text : {"[]", "{}", R"({"version":1,"environments":{}})", "42",
                             R"({"format":"terraform-state"})"}) {
        auto b = parse_backup(text, "other.json");
        ASSERT_FALSE(b) << text;
        EXPECT_EQ(b.error().kind, BackupErrorKind::format) << text;
        EXPECT_TRUE(contains(b.error().message, "not a descope-mgmt backup"));
    }
}

TEST(BackupVerify, SchemaProblemsAreAllReportedWithTheirPaths) {
    auto doc = json::parse(good_text());
    doc["resources"]["tenants"][0].erase("name");
    doc["resources"]["tenants"][1]["enforce_sso"] = "yes";
    doc["resources"]["roles"][0]["colour"] = "red";
    doc["resources"]["tenants"][1]["session_settings"]["refresh_token_expiration"] = "4 weeks";
    doc["created_at"] = "yesterday";
    auto b = parse_backup(doc.dump(2), "s.json");
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().kind, BackupErrorKind::schema);
    const auto& d = b.error().details;
    auto has = [&](const std::string& part) {
        return std::any_of(d.begin(), d.end(),
                           [&](const std::string& x) { return contains(x, part); });
    };
    EXPECT_TRUE(has("resources.tenants[0].name: required field is missing"));
    EXPECT_TRUE(has("resources.tenants[1].enforce_sso: expected a boolean, got string"));
    EXPECT_TRUE(has("resources.roles[0].colour: unknown field"));
    EXPECT_TRUE(
        has("resources.tenants[1].session_settings.refresh_token_expiration: '4 weeks' is not a "
            "duration"));
    EXPECT_TRUE(has("created_at: 'yesterday' is not a UTC time"));
    EXPECT_EQ(d.size(), 5u);
    EXPECT_TRUE(contains(b.error().message, "s.json: not a valid backup:"));
    EXPECT_TRUE(contains(b.error().message, "(and 4 more)"));
}

TEST(BackupVerify, DuplicateKeysAreRefused) {
    auto doc = json::parse(good_text());
    auto& tenants = doc["resources"]["tenants"];
    tenants.push_back(tenants[0]);
    auto b = parse_backup(doc.dump(2), "dup.json");
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().kind, BackupErrorKind::schema);
    EXPECT_TRUE(contains(b.error().message, "resources.tenants[3]: duplicate tenant 'T2xyz'"))
        << b.error().message;
}

TEST(BackupVerify, BackupFromAnotherProjectIsReported) {
    auto b = parse_backup(good_text(), "prod.json");
    ASSERT_TRUE(b);
    EXPECT_TRUE(check_same_project(*b, "P2prod", "prod"));
    auto foreign = check_same_project(*b, "P2staging", "staging");
    ASSERT_FALSE(foreign);
    EXPECT_TRUE(contains(foreign.error().message, "project P2prod (environment 'prod')"));
    EXPECT_TRUE(contains(foreign.error().message, "'staging' is project P2staging"));
    EXPECT_TRUE(contains(foreign.error().message, "--allow-other-project"));
}

TEST(BackupVerify, MissingFileIsAnIoError) {
    auto b = read_backup("/nonexistent/dir/prod.json");
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().kind, BackupErrorKind::io);
    EXPECT_TRUE(contains(b.error().message, "/nonexistent/dir/prod.json"));
}

}  // namespace
}  // namespace descope_mgmt::backup
