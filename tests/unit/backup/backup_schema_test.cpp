// The published JSON Schema (docs/backup.schema.json) and the reader agree: every backup the
// writer produces is valid under the schema, and every structural change that the schema
// refuses is refused by the reader too (even with a recomputed checksum).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <fstream>

#include "backup/backup_reader.hpp"
#include "backup/backup_writer.hpp"
#include "backup/checksum.hpp"
#include "support/json_schema.hpp"
#include "unit/backup/backup_test_support.hpp"

namespace descope_mgmt::backup {
namespace {

using nlohmann::json;
using test::JsonSchemaValidator;

const json& published_schema() {
    static const json schema = json::parse(std::ifstream(DM_SOURCE_DIR "/docs/backup.schema.json"));
    return schema;
}

json sample_document() {
    return json::parse(*serialize_backup(testing::sample_metadata(), testing::sample_state()));
}

/// The document with a correct checksum again, so only its structure can be refused.
std::string reseal(json doc) {
    if (doc.is_object() && doc.contains("sha256"))
        doc["sha256"] = sha256_hex(canonical_content(doc));
    return doc.dump(2);
}

TEST(BackupSchema, SchemaIsDraft2020AndNamesTheFormat) {
    EXPECT_EQ(published_schema()["$schema"], "https://json-schema.org/draft/2020-12/schema");
    EXPECT_EQ(published_schema()["properties"]["format"]["const"], kFormatName);
    EXPECT_EQ(published_schema()["properties"]["format_version"]["const"], kFormatVersion);
}

TEST(BackupSchema, SampleBackupIsValid) {
    const auto errors = JsonSchemaValidator(published_schema()).validate(sample_document());
    EXPECT_TRUE(errors.empty()) << ::testing::PrintToString(errors);
}

TEST(BackupSchema, ValidatorRejectsWhatItShould) {
    // The validator itself must be able to fail.
    auto doc = sample_document();
    doc["resources"]["tenants"][0]["enforce_sso"] = "no";
    EXPECT_FALSE(JsonSchemaValidator(published_schema()).validate(doc).empty());
}

RC_GTEST_PROP(BackupSchema, EveryWrittenBackupIsValid, ()) {
    const auto text = serialize_backup(testing::sample_metadata(), testing::gen_live_state());
    RC_ASSERT(text.has_value());
    const auto errors = JsonSchemaValidator(published_schema()).validate(json::parse(*text));
    if (!errors.empty()) RC_FAIL(errors.front());
}

/// Calls f(mutated document, description) for every structural mutation of `doc`: each
/// object key removed, an unknown key added to each object, each leaf replaced by an object.
/// Flow/theme documents and custom attribute names are free-form and not mutated inside.
void for_each_mutation(const json& doc, const std::function<void(json, std::string)>& f) {
    std::function<void(const json::json_pointer&)> walk = [&](const json::json_pointer& at) {
        const json& node = doc[at];
        const std::string last = at.empty() ? "" : at.back();
        if (node.is_object()) {
            if (last == "document") return;
            const bool free_keys = last == "custom_attributes";
            for (const auto& item : node.items()) {
                if (!free_keys) {
                    json removed = doc;
                    removed[at].erase(item.key());
                    f(removed, "remove " + (at / item.key()).to_string());
                }
                walk(at / item.key());
            }
            if (!free_keys) {
                json added = doc;
                added[at]["zz_unknown"] = 1;
                f(added, "add " + (at / "zz_unknown").to_string());
            }
        } else if (node.is_array()) {
            for (std::size_t i = 0; i < node.size(); ++i)
                walk(at / i);
        } else {
            json replaced = doc;
            replaced[at] = json{{"x", 1}};
            f(replaced, "replace " + at.to_string());
        }
    };
    walk(json::json_pointer());
}

TEST(BackupSchema, SchemaAndReaderRefuseTheSameStructuralChanges) {
    const JsonSchemaValidator validator(published_schema());
    int mutations = 0;
    for_each_mutation(sample_document(), [&](json mutated, const std::string& what) {
        // Resealing would undo a change of the checksum itself; BadValues covers that field.
        if (what == "remove /sha256" || what == "replace /sha256") return;
        ++mutations;
        EXPECT_FALSE(validator.validate(mutated).empty()) << "schema accepts: " << what;
        auto read = parse_backup(reseal(mutated), "m.json");
        EXPECT_FALSE(read) << "reader accepts: " << what;
        if (!read) {
            EXPECT_NE(read.error().kind, BackupErrorKind::checksum) << what;
        }
    });
    EXPECT_GT(mutations, 100);
}

TEST(BackupSchema, SchemaAndReaderRefuseBadValues) {
    const JsonSchemaValidator validator(published_schema());
    const std::vector<std::pair<std::string, json>> cases = {
        {"/format_version", 2},
        {"/created_at", "2024-05-01 12:00"},
        {"/environment", ""},
        {"/project_id", ""},
        {"/resources/tenants/1/session_settings/refresh_token_expiration", "4 weeks"},
        {"/resources/tenants/1/custom_attributes/regions", json::array({1, 2})},
        {"/resources/flows/0/document", nullptr},
        {"/resources/theme/document", json::array()},
    };
    for (const auto& [pointer, value] : cases) {
        json doc = sample_document();
        doc[json::json_pointer(pointer)] = value;
        EXPECT_FALSE(validator.validate(doc).empty()) << "schema accepts " << pointer;
        EXPECT_FALSE(parse_backup(reseal(doc), "v.json")) << "reader accepts " << pointer;
    }
    json bad_sum = sample_document();
    bad_sum["sha256"] = "ABC";
    EXPECT_FALSE(validator.validate(bad_sum).empty());
    EXPECT_FALSE(parse_backup(bad_sum.dump(), "v.json"));
}

}  // namespace
}  // namespace descope_mgmt::backup
