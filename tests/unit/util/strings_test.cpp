#include "util/strings.hpp"

#include <gtest/gtest.h>

#include "model/duration.hpp"
#include "util/file.hpp"
#include "util/secret.hpp"

namespace descope_mgmt {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
    EXPECT_EQ(util::edit_distance("tenants", "tenant"), 1u);
    EXPECT_EQ(util::edit_distance("", "abc"), 3u);
    EXPECT_EQ(util::edit_distance("kitten", "sitting"), 3u);
    EXPECT_EQ(util::edit_distance("nmae", "name"), 1u);  // a swap is one typo
}

TEST(ClosestMatch, SuggestsOnlyPlausibleTypos) {
    const std::vector<std::string> keys{"tenants", "roles", "permissions", "flows"};
    EXPECT_EQ(util::closest_match("tenents", keys), "tenants");
    EXPECT_EQ(util::closest_match("permisions", keys), "permissions");
    EXPECT_FALSE(util::closest_match("zzzzzz", keys).has_value());
}

TEST(Redact, ReplacesEveryOccurrence) {
    EXPECT_EQ(util::redact("Bearer P1:K9 and K9", "K9"), "Bearer P1:<redacted> and <redacted>");
    EXPECT_EQ(util::redact("nothing", ""), "nothing");
}

TEST(Duration, ParsesAndFormatsConfigForm) {
    EXPECT_EQ(model::parse_duration("4w"), (model::Duration{4, model::TimeUnit::weeks}));
    EXPECT_EQ(model::parse_duration("10m"), (model::Duration{10, model::TimeUnit::minutes}));
    EXPECT_FALSE(model::parse_duration("0m"));
    EXPECT_FALSE(model::parse_duration("4"));
    EXPECT_EQ(model::parse_duration("90s"), (model::Duration{90, model::TimeUnit::seconds}));
    EXPECT_FALSE(model::parse_duration("4x"));
    EXPECT_FALSE(model::parse_duration("-4m"));
    EXPECT_FALSE(model::parse_duration("99999999999d"));
    EXPECT_EQ(model::format_duration({30, model::TimeUnit::days}), "30d");
    EXPECT_EQ(model::format_duration({600, model::TimeUnit::seconds}), "600s");
    EXPECT_EQ(model::to_seconds({3, model::TimeUnit::minutes}), 180);
    EXPECT_EQ(model::to_seconds({2, model::TimeUnit::weeks}), 1209600);
}

TEST(AtomicWrite, WritesWholeFileWithMode) {
    const auto path = std::filesystem::temp_directory_path() / "dm_atomic_test.txt";
    ASSERT_TRUE(util::write_file_atomically(path, "hello", 0600));
    auto text = util::read_file(path);
    ASSERT_TRUE(text);
    EXPECT_EQ(*text, "hello");
    EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    std::filesystem::remove(path);
}

TEST(AtomicWrite, FailsWithPathInMessage) {
    auto r = util::write_file_atomically("/nonexistent-dir/x.txt", "x");
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message.find("/nonexistent-dir/x.txt"), std::string::npos);
}

TEST(Strings, LineColumnCountsCharactersFromOne) {
    EXPECT_EQ(util::line_column("", 0), std::make_pair(1, 1));
    EXPECT_EQ(util::line_column("ab\ncd", 4), std::make_pair(2, 2));
    EXPECT_EQ(util::line_column("ab\ncd", 99), std::make_pair(2, 3));    // clamped to the end
    EXPECT_EQ(util::line_column("\xc3\xa9x", 2), std::make_pair(1, 2));  // é is one column
}

TEST(Strings, JsonParseReasonDropsNlohmannsPrefix) {
    EXPECT_EQ(util::json_parse_reason("[json.exception.parse_error.101] parse error at line 1, "
                                      "column 2: syntax error while parsing value"),
              "syntax error while parsing value");
    EXPECT_EQ(util::json_parse_reason("something else"), "something else");
}

// Issue 13: a problem found in a parsed flow file is shown where it is in the file.
TEST(FindJsonValue, FindsTheValueAtAPathThroughStringsEscapesAndNesting) {
    const std::string text =
        "{\"a\": \"x\\\"}\", \"screens\": [ {\"id\": [1, {\"id\": 0}]},\n  {\"k\": null, \"id\": "
        "\"S2\"} ]}";
    const auto at = [&](const std::vector<util::JsonStep>& path) -> std::string {
        const auto offset = util::find_json_value(text, path);
        return offset ? text.substr(*offset, 4) : "none";
    };
    EXPECT_EQ(at({}), "{\"a\"");
    EXPECT_EQ(at({"screens", std::size_t{1}, "id"}), "\"S2\"");
    EXPECT_EQ(at({"screens", std::size_t{0}, "id"}), "[1, ");
    EXPECT_EQ(at({"screens", std::size_t{0}, "id", std::size_t{1}, "id"}), "0}]}");
    EXPECT_EQ(at({"screens", std::size_t{2}}), "none");
    EXPECT_EQ(at({"missing"}), "none");
    EXPECT_EQ(at({"a", "b"}), "none");  // a string has no members
    EXPECT_EQ(util::line_column(text, *util::find_json_value(text, {"screens", std::size_t{1}})),
              (std::pair<int, int>{2, 3}));
    // With a duplicate name, the last one counts, as the parser keeps it.
    EXPECT_EQ(util::find_json_value(R"({"id": 1, "id": 2})", {"id"}), 16u);
}

}  // namespace
}  // namespace descope_mgmt
