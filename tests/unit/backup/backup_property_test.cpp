// Properties of write/read over arbitrary live states.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "backup/backup_reader.hpp"
#include "backup/backup_writer.hpp"
#include "unit/backup/backup_test_support.hpp"

namespace descope_mgmt::backup {
namespace {

using testing::expected_after_round_trip;
using testing::gen_live_state;

BackupMetadata random_metadata() {
    BackupMetadata m;
    m.tool_version = *testing::gen_text();
    m.environment = *testing::gen_text().as("environment");
    RC_PRE(!m.environment.empty());
    m.project_id = "P" + *testing::gen_text();
    m.created_at = Timestamp{std::chrono::milliseconds{
        *rc::gen::inRange<std::int64_t>(0, std::int64_t{253402300799999})}};  // up to 9999
    return m;
}

RC_GTEST_PROP(BackupProperty, ReadAfterWriteGivesTheStateBack, ()) {
    const auto state = gen_live_state();
    const auto metadata = random_metadata();
    const auto text = serialize_backup(metadata, state);
    RC_ASSERT(text.has_value());
    const auto backup = parse_backup(*text, "p.json");
    if (!backup) RC_FAIL(backup.error().message);
    RC_ASSERT(backup->metadata == metadata);
    const auto expected = expected_after_round_trip(state, metadata.environment);
    RC_ASSERT(backup->state.project_name == expected.project_name);
    RC_ASSERT(backup->state.permissions == expected.permissions);
    RC_ASSERT(backup->state.roles == expected.roles);
    RC_ASSERT(backup->state.tenants == expected.tenants);
    RC_ASSERT(backup->state.flow_summaries == expected.flow_summaries);
    RC_ASSERT(backup->state.flows == expected.flows);
    RC_ASSERT(backup->state.theme == expected.theme);
    RC_ASSERT(backup->state.environment == expected.environment);
}

RC_GTEST_PROP(BackupProperty, WritingWhatWasReadGivesTheSameBytes, ()) {
    // Stability: a backup of a restored state is byte-identical, so git shows no diff.
    const auto state = gen_live_state();
    const auto metadata = random_metadata();
    const auto first = serialize_backup(metadata, state);
    RC_ASSERT(first.has_value());
    const auto backup = parse_backup(*first, "p.json");
    RC_ASSERT(backup.has_value());
    const auto second = serialize_backup(backup->metadata, backup->state);
    RC_ASSERT(second.has_value());
    RC_ASSERT(*first == *second);
}

RC_GTEST_PROP(BackupProperty, AnyChangedByteIsDetected, ()) {
    const auto state = gen_live_state();
    const auto text = serialize_backup(testing::sample_metadata(), state);
    RC_ASSERT(text.has_value());
    auto edited = *text;
    const auto pos = *rc::gen::inRange<std::size_t>(0, edited.size());
    const char replacement = *rc::gen::element('a', '0', ' ', '"', '}', 'x', '9');
    RC_PRE(edited[pos] != replacement);
    edited[pos] = replacement;
    const auto backup = parse_backup(edited, "p.json");
    if (backup) {
        // Only layout may change without notice (e.g. a space replaced inside indentation).
        RC_ASSERT(backup->sha256 == parse_backup(*text, "p.json")->sha256);
        RC_ASSERT(*serialize_backup(backup->metadata, backup->state) == *text);
    }
}

}  // namespace
}  // namespace descope_mgmt::backup
